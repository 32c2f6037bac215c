import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import { isMember, type Viewer } from '../auth/viewer';
import { Conversation } from '../conversations/conversation.entity';
import { forbidden, unauthenticated } from '../errors/graphql-errors';
import { fail, withUserErrors } from '../errors/user-error';
import { Topic } from '../realtime/topics';
import { decodeGlobalId, encodeGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import type { Loaders } from '../server/loaders';
import type { PresenceConnection, PresenceService, PresenceState } from './presence.service';
import { SignalErrorCode } from './presence.errors';
import { ConversationSignal, MarkReadPayload, SetPresencePayload, SetTypingPayload, SignalKind, SignalSide, VisitorPresence, type SignalMessage } from './presence.types';
import { readCursor } from './read-state.service';

/** A conversation ID argument as a UUID; mutations answer any other ID as not found. */
function conversationUuid(id: string): string | null {
  const decoded = decodeGlobalId(id);
  return decoded?.typeName === 'Conversation' ? decoded.id : null;
}

function requireConversationUuid(id: string): string {
  return conversationUuid(id) ?? fail(SignalErrorCode.CONVERSATION_NOT_FOUND, 'No conversation with this ID is open to you.', ['conversationId']);
}

/**
 * Which signals a subscriber receives: a visitor only the users' typing and reads (never the
 * visitor side, so never a draft preview); the account's users everything but their own.
 */
function receives(viewer: Viewer): (message: SignalMessage) => boolean {
  if (viewer.kind === 'visitor') return (message) => message.by === SignalSide.AGENT && message.kind !== SignalKind.PRESENCE;
  const self = viewer.kind === 'user' ? viewer.userId : null;
  return (message) => message.senderId !== self;
}

/** The subscriber's filtered stream; a visitor's also counts as their connection while it lasts. */
function signalStream(stream: AsyncIterableIterator<SignalMessage>, accepts: (message: SignalMessage) => boolean, connection: PresenceConnection | null): AsyncIterableIterator<SignalMessage> {
  const iterator: AsyncIterableIterator<SignalMessage> = {
    async next() {
      for (;;) {
        const result = await stream.next();
        if (result.done) {
          connection?.close();
          return result;
        }
        if (accepts(result.value)) return result;
      }
    },
    async return() {
      connection?.close();
      return (await stream.return?.()) ?? { value: undefined, done: true };
    },
    async throw(error: unknown) {
      connection?.close();
      await stream.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

// One Redis round trip for the presence of every conversation a response shows.
const presenceLoaders = new WeakMap<Loaders, DataLoader<string, PresenceState>>();
function presenceOf(context: GraphQLContext, conversationId: string): Promise<PresenceState> {
  const { loaders, services } = context;
  let loader = presenceLoaders.get(loaders);
  if (!loader) {
    loader = new DataLoader((ids) => services.presence.read(ids), { cache: false });
    presenceLoaders.set(loaders, loader);
  }
  return loader.load(conversationId);
}

@Resolver(() => Conversation)
export class ConversationSignalsResolver {
  @Authorized(Access.PARTICIPANT)
  @Mutation(() => SetTypingPayload, {
    description: `Says that the caller (the conversation’s visitor, or its assignee or an admin) started or stopped typing; passed on through \`conversationSignals\`, never stored. Send \`typing: true\` again every few seconds while typing. Limited per participant (\`TOO_MANY_SIGNALS\`).`,
  })
  setTyping(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('typing', () => Boolean, { description: 'True while typing; false once sent, cleared or left.' }) typing: boolean,
    @Arg('preview', () => String, { nullable: true, description: 'A visitor’s draft so far (cut to 500 characters); dropped unless the account turned typing previews on (see `previewWanted`).' }) preview: string | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return withUserErrors(async () => services.signals.setTyping(em, viewer, requireConversationUuid(conversationId), typing, preview ?? null));
  }

  @Authorized(Access.PARTICIPANT)
  @Mutation(() => SetPresencePayload, {
    description: 'For the visitor’s widget: whether its page is hidden (`away`, the visitor shows as AWAY) or visible again. Being connected is told by the `conversationSignals` subscription itself.',
  })
  async setPresence(
    @Arg('conversationId', () => ID, { description: 'The visitor’s conversation.' }) conversationId: string,
    @Arg('away', () => Boolean, { description: 'True while the page is hidden.' }) away: boolean,
    @Ctx() { viewer, services }: GraphQLContext,
  ) {
    return withUserErrors(async () => {
      const id = requireConversationUuid(conversationId);
      if (viewer.kind !== 'visitor' || viewer.conversationId !== id) fail(SignalErrorCode.CONVERSATION_NOT_FOUND, 'Only the visitor of a conversation sets its presence.', ['conversationId']);
      await services.signals.consume(id, 'visitor');
      return { presence: await services.presence.setAway(viewer.accountId, id, away) };
    });
  }

  @Authorized(Access.PARTICIPANT)
  @Mutation(() => MarkReadPayload, {
    description: 'Marks the conversation read up to a message (its `cursor`), for the visitor or for the account’s users. A cursor only moves forward. Limited per participant (`TOO_MANY_SIGNALS`).',
  })
  markRead(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('cursor', () => String, { description: 'The `cursor` of the last message read.' }) cursor: string,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return withUserErrors(async () => services.readState.markRead(em, viewer, requireConversationUuid(conversationId), cursor));
  }

  @Subscription(() => ConversationSignal, {
    description:
      'Ephemeral signals of one conversation, for its visitor and the account’s users, beside the durable `conversationEvents`: typing, the visitor’s presence, reads. Never replayed. Users receive the visitor’s typing (with a draft preview where the account turned it on), presence and reads; the visitor receives the users’ typing and reads. While a visitor token is subscribed, the visitor counts as connected.',
    subscribe: async ({ args, context }) => {
      const { em, viewer, listen, services } = context as GraphQLContext;
      if (viewer.kind === 'anonymous') throw unauthenticated();
      const id = conversationUuid(args.conversationId as string);
      const conversation = id && (viewer.kind === 'visitor' || isMember(viewer)) ? await services.conversations.get(em.fork(), viewer, id) : null;
      if (!conversation) throw forbidden('No conversation with this ID is open to you.');
      const stream = await listen<SignalMessage>(Topic.SIGNALS, conversation.id);
      let connection: PresenceConnection | null = null;
      try {
        if (viewer.kind === 'visitor') connection = await services.presence.connect(viewer.accountId, conversation.id, args.away === true);
      } catch (error) {
        await stream.return?.();
        throw error;
      }
      return signalStream(stream, receives(viewer), connection);
    },
  })
  conversationSignals(
    @Root() message: SignalMessage,
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) _conversationId: string,
    @Arg('away', () => Boolean, { nullable: true, description: 'For a visitor: whether the page is hidden as the subscription starts (and restarts after a reconnect); later changes go through `setPresence`.' })
    _away: boolean | null,
    @Ctx() { viewer }: GraphQLContext,
  ): ConversationSignal {
    return {
      kind: message.kind,
      conversationId: encodeGlobalId('Conversation', message.conversationId),
      by: message.by,
      typing: message.typing ?? null,
      name: message.name ?? null,
      // Belt and braces: the stream never hands a visitor the visitor side.
      preview: viewer.kind === 'visitor' ? null : (message.preview ?? null),
      presence: message.presence ?? null,
      lastSeenAt: message.lastSeenAt ? new Date(message.lastSeenAt) : null,
      cursor: message.cursor ?? null,
      at: new Date(message.at),
    };
  }

  @FieldResolver(() => VisitorPresence, { nullable: true, description: 'Whether the visitor has the chat open: ONLINE, AWAY (page hidden) or OFFLINE (null for visitors).' })
  async visitorPresence(@Root() conversation: Conversation, @Ctx() context: GraphQLContext): Promise<VisitorPresence> {
    return (await presenceOf(context, conversation.id)).presence;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the visitor was last connected (null when never, and for visitors).' })
  async visitorLastSeenAt(@Root() conversation: Conversation, @Ctx() context: GraphQLContext): Promise<Date | null> {
    return (await presenceOf(context, conversation.id)).lastSeenAt;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Cursor of the last message the visitor has read (a `Message.cursor`); null before any.' })
  visitorReadCursor(@Root() conversation: Conversation): string | null {
    return readCursor(conversation.visitorReadSeq);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Cursor of the last message the account’s users have read (a `Message.cursor`); null before any.' })
  agentReadCursor(@Root() conversation: Conversation): string | null {
    return readCursor(conversation.agentReadSeq);
  }
}

@Resolver(() => MarkReadPayload)
export class MarkReadPayloadResolver {
  @FieldResolver(() => Conversation, { nullable: true, description: 'The conversation, with its read cursors as they are now.' })
  conversation(@Root() payload: MarkReadPayload, @Ctx() { em }: GraphQLContext) {
    return payload.conversationId ? em.findOne(Conversation, payload.conversationId) : null;
  }
}
