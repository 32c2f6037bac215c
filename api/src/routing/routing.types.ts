import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../users/user.entity';
import { RoutingTrigger } from './routing.errors';
import { RoutingOutcome } from './selection';

registerEnumType(RoutingOutcome, {
  name: 'RoutingOutcome',
  description: 'AUTO assignment: why a user was, or was not, offered a waiting chat (`RoutingDecision.agents`).',
  valuesConfig: {
    OFFERED: { description: 'Chosen: the chat is offered to them.' },
    NOT_ACCEPTING: { description: 'Not accepting chats.' },
    AT_CAPACITY: { description: 'Their active chats plus the chats offered to them reach their `maxConcurrentChats`.' },
    ALREADY_OFFERED: { description: 'Offered this chat before in this wait (they let it pass, or stopped accepting): nobody is offered a chat twice.' },
    MORE_ACTIVE_CHATS: { description: 'Free, but with more chats (active plus offered) than the chosen user.' },
    LESS_IDLE: { description: 'As many chats as the chosen user, but they took a chat more recently.' },
    TIE_BREAK: { description: 'Equal to the chosen user in chats and idle time; the longest-standing user (created first) goes first.' },
  },
});

registerEnumType(RoutingTrigger, {
  name: 'RoutingTrigger',
  description: 'AUTO assignment: why a routing decision was taken.',
  valuesConfig: {
    WAITING: { description: 'The chat entered the live-chat inbox.' },
    OFFER_EXPIRED: { description: 'The previous user let the offer pass (`Account.offerSeconds`).' },
    OFFEREE_UNAVAILABLE: { description: 'The previous user stopped accepting chats while it was offered to them.' },
    AGENT_AVAILABLE: { description: 'A pooled chat, offered again because a user became available (switched accepting on, or a chat of theirs ended or was handed on).' },
    ASSIGNMENT_CHANGED: { description: 'The account’s `assignment` was switched (to MANUAL: offers end and chats are pooled; to AUTO: waiting chats are offered).' },
  },
});

@ObjectType('ChatOffer', { description: 'AUTO assignment: a waiting chat offered to one user, who alone sees it in their inbox until they accept it or the offer expires.' })
export class ChatOffer {
  @Field(() => User, { description: 'The user it is offered to.' })
  user!: User;

  @Field(() => Int, { description: 'Which offer of the chat this is: 1 for the first, 2 when it passed to a second user…' })
  round!: number;

  @Field(() => Date, { description: 'When it passes to the next user (or to every accepting user) unless accepted: for countdowns.' })
  expiresAt!: Date;
}

@ObjectType('RoutingAgentVerdict', { description: 'One user of the account in a routing decision: the facts routing read, and the outcome.' })
export class RoutingAgentVerdict {
  @Field(() => ID, { description: 'The user (`data.agents[].userId`).' })
  userId!: string;

  @Field(() => String, { description: 'Their name at the time.' })
  name!: string;

  @Field(() => RoutingOutcome, { description: 'OFFERED, or why not.' })
  outcome!: RoutingOutcome;

  @Field(() => Int, { description: 'Their ACTIVE chats at the time.' })
  activeChats!: number;

  @Field(() => Int, { description: 'Other waiting chats offered to them at the time (each counts as a chat for fairness and capacity).' })
  liveOffers!: number;

  @Field(() => Int, { nullable: true, description: 'Their `maxConcurrentChats` at the time (null: no limit).' })
  maxConcurrentChats?: number | null;

  @Field(() => Date, { nullable: true, description: 'When they last accepted or were transferred a chat (null: never), the measure of idle time.' })
  lastAssignedAt?: Date | null;
}

@ObjectType('RoutingDecision', {
  description:
    'The `data` of a LIVE_CHAT_OFFERED or LIVE_CHAT_POOLED activity event, typed (webhooks and the feed carry the same keys in `data`). A user is chosen among those accepting chats, below capacity and not yet offered the chat: fewest chats (active plus offered), then longest since their last chat, then the longest-standing user.',
})
export class RoutingDecision {
  @Field(() => RoutingTrigger, { description: 'Why routing ran.' })
  trigger!: RoutingTrigger;

  @Field(() => Int, { description: 'LIVE_CHAT_OFFERED: the round of this offer (1, 2, 3…); LIVE_CHAT_POOLED: how many offers the chat had had.' })
  round!: number;

  @Field(() => ID, { nullable: true, description: 'The user it was offered to (LIVE_CHAT_OFFERED); null when pooled.' })
  offeredToUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'Their name (LIVE_CHAT_OFFERED).' })
  offeredToName?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the offer expires (LIVE_CHAT_OFFERED).' })
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'The accept window it was given, in seconds (LIVE_CHAT_OFFERED).' })
  offerSeconds?: number | null;

  @Field(() => ID, { nullable: true, description: 'The user the chat was offered to before, when the decision moved it on (OFFER_EXPIRED, OFFEREE_UNAVAILABLE, ASSIGNMENT_CHANGED).' })
  previousUserId?: string | null;

  @Field(() => [RoutingAgentVerdict], { description: 'Every user of the account, the chosen one first, then in the order they ranked, then those who could not be offered it. Empty when the account switched to MANUAL.' })
  agents!: RoutingAgentVerdict[];
}
