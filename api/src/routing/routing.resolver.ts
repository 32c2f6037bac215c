import { FieldResolver, Resolver, Root } from 'type-graphql';
import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { Conversation, ConversationStatus } from '../conversations/conversation.entity';
import { ChatOffer, RoutingDecision, type RoutingAgentVerdict } from './routing.types';

/** AUTO assignment as the team reads it: the live offer of a waiting chat. */
@Resolver(() => Conversation)
export class ConversationOfferResolver {
  @FieldResolver(() => ChatOffer, {
    nullable: true,
    description: 'AUTO assignment: while the chat is WAITING and offered to one user, that offer (who, until when). Null when it is pooled (every accepting user sees it), with MANUAL assignment, in any other status, and for visitors.',
  })
  async offer(@Root() conversation: Conversation): Promise<ChatOffer | null> {
    if (conversation.status !== ConversationStatus.WAITING || !conversation.offeredTo || !conversation.offerExpiresAt) return null;
    const user = await conversation.offeredTo.load();
    return user ? { user, round: conversation.offerRound, expiresAt: conversation.offerExpiresAt } : null;
  }
}

const ROUTING_EVENTS: ReadonlySet<ActivityEventType> = new Set([ActivityEventType.LIVE_CHAT_OFFERED, ActivityEventType.LIVE_CHAT_POOLED]);

/** The routing decision an activity event records, typed for integrators. */
@Resolver(() => ActivityEvent)
export class ActivityRoutingResolver {
  @FieldResolver(() => RoutingDecision, { nullable: true, description: 'LIVE_CHAT_OFFERED and LIVE_CHAT_POOLED: the routing decision `data` holds, typed. Null for other types.' })
  routingDecision(@Root() event: ActivityEvent): RoutingDecision | null {
    return ROUTING_EVENTS.has(event.type) ? toDecision(event.data) : null;
  }
}

/** Reads the stored JSON back; anything missing (an older shape) reads as empty rather than failing. */
function toDecision(data: Record<string, unknown>): RoutingDecision {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  const date = (value: unknown) => (typeof value === 'string' ? new Date(value) : null);
  const agents = Array.isArray(data.agents) ? (data.agents as Record<string, unknown>[]) : [];
  return {
    trigger: data.trigger as RoutingDecision['trigger'],
    round: count(data.round),
    offeredToUserId: text(data.offeredToUserId),
    offeredToName: text(data.offeredToName),
    expiresAt: date(data.expiresAt),
    offerSeconds: typeof data.offerSeconds === 'number' ? data.offerSeconds : null,
    previousUserId: text(data.previousUserId),
    agents: agents.map(
      (agent): RoutingAgentVerdict => ({
        userId: text(agent.userId) ?? '',
        name: text(agent.name) ?? '',
        outcome: agent.outcome as RoutingAgentVerdict['outcome'],
        activeChats: count(agent.activeChats),
        liveOffers: count(agent.liveOffers),
        maxConcurrentChats: typeof agent.maxConcurrentChats === 'number' ? agent.maxConcurrentChats : null,
        lastAssignedAt: date(agent.lastAssignedAt),
      }),
    ),
  };
}
