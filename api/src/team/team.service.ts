import type { EntityManager } from '@mikro-orm/core';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { User } from '../users/user.entity';
import type { Team } from './team.types';

/** Bounds each list of the team view (an account's users and its waiting line are far smaller). */
const TEAM_LIST_LIMIT = 500;

/** The team view: members with their load, and the waiting line. */
export class TeamService {
  async overview(em: EntityManager, accountId: string): Promise<Team> {
    // One after the other: the request's EntityManager runs one query at a time.
    // Deactivated users are no longer on the team (the Users page lists them).
    const members = await em.find(User, { account: accountId, deactivatedAt: null }, { orderBy: { id: 'asc' }, limit: TEAM_LIST_LIMIT });
    const waitingChats = await em.find(Conversation, { account: accountId, status: ConversationStatus.WAITING }, { orderBy: { waitingSince: 'asc', id: 'asc' }, limit: TEAM_LIST_LIMIT });
    return { members, waitingChats };
  }
}
