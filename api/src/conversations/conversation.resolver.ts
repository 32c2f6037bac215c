import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import { actAlsoAs, Reach, reachOf } from '../auth/tenant-access';
import type { MemberViewer, Viewer } from '../auth/viewer';
import { Contact } from '../contacts/contact.entity';
import { forbidden, unauthenticated } from '../errors/graphql-errors';
import { fail, withUserErrors } from '../errors/user-error';
import { Flow, FlowVersion } from '../flows/flow.entity';
import { Message } from '../messages/message.entity';
import type { AssignedMessage, ConversationMessage, InboxMessage } from '../realtime/after-commit';
import { inboxStream } from '../realtime/inbox-stream';
import { oncePerEvent } from '../realtime/per-event';
import { replayThenLive } from '../realtime/replay-then-live';
import { Topic } from '../realtime/topics';
import { ConnectionArgs } from '../relay/connection';
import { decodeGlobalId, expectGlobalId } from '../relay/global-id';
import { conversationEventCursor } from '../relay/position-cursor';
import { notShared } from '../caching/shared-reads';
import { freshEntityManagerForEvent, type GraphQLContext } from '../server/context';
import { User } from '../users/user.entity';
import { Conversation, ConversationStatus } from './conversation.entity';
import { sortDirection } from '../relay/order';
import { ConversationErrorCode } from './conversation.errors';
import { WAIT_ESTIMATE_DAYS, WAIT_ESTIMATE_SAMPLE } from './wait-estimates';
import {
  AcceptChatPayload,
  AssignedChatEvent,
  AssignedChatEventKind,
  ConversationConnection,
  ConversationEvent,
  ConversationFilter, ConversationOrderField, ConversationOrderInput,
  EndChatPayload,
  InboxEvent,
  InboxEventKind,
  MessageConnection,
  SendMessageInput,
  SendMessagePayload,
  StartConversationInput,
  StartConversationPayload,
  TransferChatInput,
  TransferChatPayload,
} from './conversation.types';

/** The signed-in user behind a subscription, or an error: inbox streams are per user. */
function requireUser(viewer: Viewer): Extract<Viewer, { kind: 'user' }> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'user') throw forbidden('Only a signed-in user has a live-chat inbox.');
  return viewer;
}

/**
 * The conversation an event is about, read once per event in this process and shared by every
 * subscriber's execution; `accountId` (the subscriber's when not given) keeps it in the account.
 */
function eventConversation(context: GraphQLContext, event: object, conversationId: string, accountId?: string): Promise<Conversation> {
  const account = accountId ?? requireUser(context.viewer).accountId;
  return oncePerEvent(event, `conversation:${account}:${conversationId}`, () =>
    freshEntityManagerForEvent(context).findOneOrFail(Conversation, { id: conversationId, account }),
  );
}

/** A conversation ID argument as a UUID, or null when it is not one. */
function conversationUuid(id: string): string | null {
  const decoded = decodeGlobalId(id);
  return decoded?.typeName === 'Conversation' ? decoded.id : null;
}

/** Mutations answer an ID that is not a conversation's like one outside the caller's reach. */
export function requireConversationUuid(id: string, field: string[]): string {
  return conversationUuid(id) ?? fail(ConversationErrorCode.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', field);
}

@Resolver(() => Conversation)
export class ConversationResolver {
  @Authorized(Access.PARTICIPANT)
  @Query(() => Conversation, { nullable: true, description: 'One conversation: any of the account’s for its users, its own for a visitor token.' })
  conversation(@Arg('id', () => ID, { description: 'The conversation.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.conversations.get(em, viewer, expectGlobalId(id, 'Conversation'));
  }

  @Authorized(Access.MEMBER)
  @Query(() => ConversationConnection, { description: 'The account’s conversations, newest first unless `orderBy` says otherwise.' })
  conversations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ConversationFilter, { nullable: true, description: 'Narrow by status, assignee, contact, a message left or last change.' }) filter: ConversationFilter | null,
    @Arg('orderBy', () => ConversationOrderInput, { nullable: true, description: 'Order by creation (default, newest first) or last change.' }) orderBy: ConversationOrderInput | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return services.conversations.list(
      em,
      (viewer as MemberViewer).accountId,
      {
        status: filter?.status,
        assigneeId: filter?.assigneeId ? expectGlobalId(filter.assigneeId, 'User', 'filter.assigneeId') : null,
        contactId: filter?.contactId ? expectGlobalId(filter.contactId, 'Contact', 'filter.contactId') : null,
        hasOfflineMessage: filter?.hasOfflineMessage,
        updatedAfter: filter?.updatedAfter,
      },
      args,
      { byUpdate: orderBy?.field === ConversationOrderField.UPDATED_AT, direction: sortDirection(orderBy?.direction) },
    );
  }

  @Authorized(Access.MEMBER)
  @Query(() => [Conversation], { description: 'The account’s waiting chats, longest-waiting first. Empty for a user who is not accepting chats. With AUTO assignment, a user sees the pooled chats and those offered to them (see `Conversation.offer`); an API key sees all.' })
  liveChatInbox(@Ctx() context: GraphQLContext) {
    const { em, viewer, services } = context;
    return services.conversations.inbox(em, viewer, () => notShared(context));
  }

  @Mutation(() => StartConversationPayload, {
    description: 'Starts a visitor’s conversation with a published flow. Needs no token; returns the visitor token that reaches this conversation only. Limited per client address (`TOO_MANY_CONVERSATIONS`).',
  })
  startConversation(@Arg('input', () => StartConversationInput, { description: 'The flow, the visitor’s page and, for a signed-in user of the site, their signed identity.' }) input: StartConversationInput, @Ctx() context: GraphQLContext) {
    const { em, services, ip } = context;
    const decoded = decodeGlobalId(input.flowId);
    return withUserErrors(async () => {
      const started = await services.conversations.start(em, decoded?.typeName === 'Flow' ? decoded.id : null, input.visitor, ip, input.identity);
      // Whatever token came with the request, the caller reads the new conversation as its visitor.
      actAlsoAs(context, { kind: 'visitor', accountId: started.conversation.account.id, conversationId: started.conversation.id });
      return started;
    });
  }

  @Authorized(Access.PARTICIPANT)
  @Mutation(() => SendMessagePayload, {
    description: 'Sends a message: a visitor’s answer, option pick or live message, or a user’s live message. A repeated `clientMessageId` returns the first message instead of storing another. Visitors are limited per conversation (`TOO_MANY_MESSAGES`).',
  })
  sendMessage(@Arg('input', () => SendMessageInput, { description: 'The message.' }) input: SendMessageInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(async () => services.conversations.sendMessage(em, viewer, requireConversationUuid(input.conversationId, ['input', 'conversationId']), input));
  }

  @Authorized(Access.MEMBER)
  @Mutation(() => AcceptChatPayload, {
    description:
      'Takes a waiting chat. Exactly one caller wins; the others get ALREADY_ACCEPTED (or NOT_WAITING when it timed out or ended, NOT_ACCEPTING_CHATS when the caller is not accepting, AT_CAPACITY when the caller already has `maxConcurrentChats` active chats, NOT_OFFERED when AUTO assignment offers the chat to another user right now).',
  })
  acceptChat(@Arg('conversationId', () => ID, { description: 'The waiting chat.' }) conversationId: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(async () => services.conversations.accept(em, viewer, requireConversationUuid(conversationId, ['conversationId'])));
  }

  @Authorized(Access.MEMBER)
  @Mutation(() => TransferChatPayload, {
    description:
      'Hands an active chat to a teammate, by its assignee or an admin. The visitor reads that the teammate joined; the teammate’s `assignedChats` gets TRANSFERRED_IN with the note, the previous assignee’s TRANSFERRED_OUT. Codes: NOT_ASSIGNED (the caller is neither), TARGET_NOT_AVAILABLE (not a teammate accepting chats), AT_CAPACITY (the teammate is full), NOT_ACTIVE, CONVERSATION_CLOSED.',
  })
  transferChat(@Arg('input', () => TransferChatInput, { description: 'The chat, the teammate and a note.' }) input: TransferChatInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(async () => {
      const conversationId = requireConversationUuid(input.conversationId, ['input', 'conversationId']);
      const target = decodeGlobalId(input.toUserId);
      return services.transfers.transfer(em, viewer, { conversationId, toUserId: target?.typeName === 'User' ? target.id : null, note: input.note });
    });
  }

  @Authorized(Access.PARTICIPANT)
  @Mutation(() => EndChatPayload, { description: 'Ends a conversation at any time: by a user (AGENT_ENDED) or by its visitor (VISITOR_LEFT).' })
  endChat(@Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(async () => services.chatEndings.end(em, viewer, requireConversationUuid(conversationId, ['conversationId'])));
  }

  @Subscription(() => InboxEvent, {
    description:
      'Chats entering (ADDED) and leaving (REMOVED, with the reason) the live-chat inbox, and reminders (REMINDER, every `Account.reminderSeconds`) of chats still waiting, for the signed-in user while they are accepting chats. With AUTO assignment, a chat on offer reaches its offeree alone (ADDED with `conversation.offer`), and leaves it with REMOVED / OFFERED_ELSEWHERE when the offer moves on.',
    subscribe: ({ context }) => {
      const { listen, viewer, em } = context as GraphQLContext;
      return inboxStream(listen, em.fork(), requireUser(viewer));
    },
  })
  async incomingChats(@Root() message: InboxMessage, @Ctx() context: GraphQLContext): Promise<InboxEvent> {
    return {
      kind: message.kind as InboxEventKind,
      conversation: await eventConversation(context, message, message.conversationId),
      reason: message.reason,
      waitedSeconds: message.waitedSeconds ?? null,
    };
  }

  @Subscription(() => AssignedChatEvent, {
    description: 'The signed-in user’s chats: ASSIGNED when they accept one, TRANSFERRED_IN / TRANSFERRED_OUT when a teammate hands one to them / one of theirs goes to a teammate, ENDED when one of theirs ends.',
    subscribe: ({ context }) => {
      const { listen, viewer } = context as GraphQLContext;
      return listen<AssignedMessage>(Topic.ASSIGNED, requireUser(viewer).userId);
    },
  })
  async assignedChats(@Root() message: AssignedMessage, @Ctx() context: GraphQLContext): Promise<AssignedChatEvent> {
    return { kind: message.kind as AssignedChatEventKind, conversation: await eventConversation(context, message, message.conversationId), note: message.note ?? null };
  }

  @Subscription(() => ConversationEvent, {
    description:
      'Messages of one conversation (status changes arrive as SYSTEM or BOT messages) for its visitor and the account’s users; internal notes (author NOTE) for the users only. With `after`, first replays everything since that cursor, so a reconnecting client loses nothing and sees nothing twice.',
    subscribe: async ({ args, context }) => {
      const { em, viewer, listen, services } = context as GraphQLContext;
      if (viewer.kind === 'anonymous') throw unauthenticated();
      const id = conversationUuid(args.conversationId as string);
      const conversation = id ? await services.conversations.get(em.fork(), viewer, id) : null;
      if (!conversation) throw forbidden('No conversation with this ID is open to you.');
      const after = conversationEventCursor.decode(args.after as string | undefined);
      const notifications = await listen<ConversationMessage>(Topic.CONVERSATION, conversation.id);
      const stream = replayThenLive<Message, ConversationMessage>({
        notifications,
        readAfter: services.messages.liveReads(conversation.id, () => em.fork()),
        positionOf: (message) => message.seq,
        after,
      });
      return viewer.kind === 'visitor' ? services.messages.forVisitor(stream) : stream;
    },
  })
  async conversationEvents(
    @Root() message: Message,
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) _conversationId: string,
    @Arg('after', () => String, { nullable: true, description: 'Replay events after this cursor first (the `cursor` of the last event received).' }) _after: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConversationEvent> {
    // A live message comes with its conversation as committed; a replayed one reads it.
    const conversation = message.conversation.isInitialized() ? message.conversation.getEntity() : await eventConversation(context, message, message.conversation.id, message.account.id);
    return { cursor: conversationEventCursor.encode(message.seq), message, conversation };
  }

  @FieldResolver(() => Flow, { nullable: true, description: 'The flow the conversation runs (null for visitors).' })
  async flow(@Root() conversation: Conversation) {
    return (await conversation.flowVersion.load())!.flow.load();
  }

  @FieldResolver(() => FlowVersion, { nullable: true, description: 'The flow version the conversation started on (null for visitors).' })
  flowVersion(@Root() conversation: Conversation) {
    return conversation.flowVersion.load();
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The visitor as a contact: details and answers (null for visitors).' })
  contact(@Root() conversation: Conversation) {
    return conversation.contact.load();
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user handling the chat: who accepted it, or was transferred it since (null for visitors; see `assigneeName`).' })
  assignee(@Root() conversation: Conversation) {
    return conversation.assignee ? conversation.assignee.load() : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who made the latest transfer of this chat (see `transferNote`); null if it was never transferred.' })
  transferredBy(@Root() conversation: Conversation) {
    return conversation.transferredBy ? conversation.transferredBy.load() : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the user who accepted the chat, as the visitor sees it.' })
  async assigneeName(@Root() conversation: Conversation) {
    return conversation.assignee ? ((await conversation.assignee.load())?.name ?? null) : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'While the chat is WAITING: its place in the account’s line of waiting chats, longest-waiting first (1: the next to be accepted). Null in any other status.',
  })
  queuePosition(@Root() conversation: Conversation, @Ctx() { loaders }: GraphQLContext) {
    return conversation.status === ConversationStatus.WAITING ? loaders.queuePosition.load(conversation.id) : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: `While the chat is WAITING: how long the account’s chats usually wait, in seconds: the median time from entering the inbox to being accepted over its latest ${WAIT_ESTIMATE_SAMPLE} accepted chats of the past ${WAIT_ESTIMATE_DAYS} days (recomputed at most every 30 seconds). Null when there were none, or in any other status.`,
  })
  estimatedWaitSeconds(@Root() conversation: Conversation, @Ctx() { em, services }: GraphQLContext) {
    return conversation.status === ConversationStatus.WAITING ? services.waitEstimates.forAccount(em, conversation.account.id) : null;
  }

  @FieldResolver(() => MessageConnection, { description: 'The transcript, oldest first: bot part and live part.' })
  messages(@Root() conversation: Conversation, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.messages.list(em, conversation.id, args, viewer.kind === 'visitor');
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The latest message other than an internal note, for inbox previews.' })
  lastMessage(@Root() conversation: Conversation, @Ctx() { loaders }: GraphQLContext) {
    return loaders.lastMessage.load(conversation.id);
  }
}

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => String, {
    description: 'The text. A SYSTEM line reads as written for its reader: the visitor sees "You ended the chat.", the team "The visitor ended the chat.".',
  })
  body(@Root() message: Message, @Ctx() context: GraphQLContext): string {
    // Read from the message itself (a live event carries it as committed): no query per subscriber.
    return message.visitorBody && reachOf(context, message) === Reach.VISITOR ? message.visitorBody : message.body;
  }

  @FieldResolver(() => Conversation, { description: 'The conversation the message belongs to.' })
  conversation(@Root() message: Message) {
    return message.conversation.load();
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who wrote an AGENT message (null for visitors; see `senderName`).' })
  sender(@Root() message: Message) {
    return message.sender ? message.sender.load() : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Display name of the author: the user’s name for AGENT messages.' })
  async senderName(@Root() message: Message) {
    return message.sender ? ((await message.sender.load())?.name ?? null) : null;
  }

  @FieldResolver(() => String, { description: 'Cursor of this message, usable as `conversationEvents(after:)`.' })
  cursor(@Root() message: Message): string {
    return conversationEventCursor.encode(message.seq);
  }
}
