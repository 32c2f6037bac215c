import { defaultFieldResolver, isNonNullType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { Account } from '../accounts/account.entity';
import { Conversation } from '../conversations/conversation.entity';
import { forbidden } from '../errors/graphql-errors';
import { Message, MessageAuthor } from '../messages/message.entity';
import type { GraphQLContext } from '../server/context';
import { UserRole } from '../users/user.entity';
import { WebhookAttempt } from '../webhooks/webhook.entity';
import { isMember, type Viewer } from './viewer';

/**
 * The one rule for reading objects: every field of every `Node` type (the stored entities)
 * asks how far the caller reaches into that object before it resolves. A member of the
 * object's account reads everything; the visitor of a conversation reads the fields listed in
 * VISITOR_FIELDS of that conversation and its messages; anyone else reads nothing. Root
 * fields choose which objects to return; this rule holds wherever an object is reached from.
 */
export enum Reach {
  NONE = 0,
  VISITOR = 1,
  MEMBER = 2,
}

/** What the visitor of a conversation may read of it and its messages (what the widget shows). */
export const VISITOR_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  Conversation: new Set([
    'id',
    'status',
    'endReason',
    'assigneeName',
    'messages',
    'lastMessage',
    'pageUrl',
    'referrer',
    'locale',
    'waitingSince',
    'timeoutAt',
    'queuePosition',
    'estimatedWaitSeconds',
    'rating',
    'acceptedAt',
    'idleDeadlineAt',
    'endedAt',
    'createdAt',
    'updatedAt',
    'visitorReadCursor',
    'agentReadCursor',
  ]),
  Message: new Set(['id', 'author', 'body', 'options', 'senderName', 'clientMessageId', 'createdAt', 'cursor', 'conversation']),
};

/** Types whose root fields are for admins (and API keys) only; agents reach none of them. */
export const ADMIN_ONLY_TYPES: ReadonlySet<string> = new Set(['ApiKey', 'WebhookEndpoint', 'WebhookDelivery', 'WebhookAttempt']);

interface Owner {
  accountId: string;
  /** Set for a conversation and its messages: what a visitor token reaches. */
  conversationId?: string;
}

/** The account (and conversation) an entity belongs to; null when no rule knows it. */
function ownerOf(entity: object): Owner | Promise<Owner> | null {
  if (entity instanceof Account) return { accountId: entity.id };
  if (entity instanceof Conversation) return { accountId: entity.account.id, conversationId: entity.id };
  // An internal note is the team's alone: no conversation, so no visitor reaches it.
  if (entity instanceof Message) return entity.author === MessageAuthor.NOTE ? { accountId: entity.account.id } : { accountId: entity.account.id, conversationId: entity.conversation.id };
  // Attempts belong to a delivery, which has the account; it is loaded already when reached through it.
  if (entity instanceof WebhookAttempt) {
    return entity.delivery.isInitialized() ? { accountId: entity.delivery.unwrap().account.id } : entity.delivery.loadOrFail().then((delivery) => ({ accountId: delivery.account.id }));
  }
  const account = (entity as { account?: { id?: unknown } }).account;
  return typeof account?.id === 'string' ? { accountId: account.id } : null;
}

function viewerReach(viewer: Viewer, owner: Owner, typeName: string): Reach {
  if (viewer.kind === 'operator') return Reach.MEMBER;
  if (isMember(viewer)) {
    if (viewer.accountId !== owner.accountId) return Reach.NONE;
    return ADMIN_ONLY_TYPES.has(typeName) && viewer.role !== UserRole.ADMIN ? Reach.NONE : Reach.MEMBER;
  }
  if (viewer.kind === 'visitor' && owner.conversationId === viewer.conversationId && owner.accountId === viewer.accountId) return Reach.VISITOR;
  return Reach.NONE;
}

// Viewers an operation gained on the way (see actAlsoAs), by context: a subscription's context lives on.
const gainedViewers = new WeakMap<GraphQLContext, Viewer[]>();

/**
 * For the rest of this operation, the caller also reads what `viewer` could: the objects a
 * sign-in returns belong to the user it signs in, a started conversation to its new visitor.
 */
export function actAlsoAs(context: GraphQLContext, viewer: Viewer): void {
  gainedViewers.set(context, [...(gainedViewers.get(context) ?? []), viewer]);
}

function reachFrom(context: GraphQLContext, owner: Owner, typeName: string): Reach {
  let reach = viewerReach(context.viewer, owner, typeName);
  for (const viewer of gainedViewers.get(context) ?? []) reach = Math.max(reach, viewerReach(viewer, owner, typeName));
  return reach;
}

/** How far the caller reaches into an entity; NONE for an object no rule knows (fail closed). */
export function reachOf(context: GraphQLContext, entity: object): Reach | Promise<Reach> {
  const typeName = entity.constructor.name;
  const owner = ownerOf(entity);
  if (!owner) return Reach.NONE;
  return owner instanceof Promise ? owner.then((known) => reachFrom(context, known, typeName)) : reachFrom(context, owner, typeName);
}

/**
 * Applies the rule to every field of every object type implementing `Node`, by wrapping the
 * built schema's resolvers (synchronously: a type-graphql middleware would make every scalar
 * field a promise). A field a visitor may not read is null for them when nullable.
 */
export function guardNodeFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((face) => face.name === 'Node')) continue;
    const visitorFields = VISITOR_FIELDS[type.name];
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, GraphQLContext> = field.resolve ?? defaultFieldResolver;
      const visitorMayRead = visitorFields?.has(field.name) ?? false;
      const nullable = !isNonNullType(field.type);
      const decide = (reach: Reach, ...call: Parameters<typeof resolve>) => {
        if (reach === Reach.MEMBER || (reach === Reach.VISITOR && visitorMayRead)) return resolve(...call);
        if (reach === Reach.VISITOR && nullable) return null;
        throw forbidden('This object is not yours to see.');
      };
      field.resolve = (root, args, context, info) => {
        const reach = typeof root === 'object' && root !== null ? reachOf(context, root) : Reach.NONE;
        return reach instanceof Promise ? reach.then((known) => decide(known, root, args, context, info)) : decide(reach, root, args, context, info);
      };
    }
  }
  return schema;
}
