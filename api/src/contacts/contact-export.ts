import type { EntityManager } from '@mikro-orm/core';
import { ActivityEvent } from '../activity/activity-event.entity';
import { Conversation } from '../conversations/conversation.entity';
import { fail } from '../errors/user-error';
import { FlowVersion } from '../flows/flow.entity';
import { Message } from '../messages/message.entity';
import { encodeGlobalId } from '../relay/global-id';
import { User } from '../users/user.entity';
import { Contact } from './contact.entity';
import { ContactErrorCode } from './contact.errors';

/** How much one export holds; a contact with more is refused with EXPORT_TOO_LARGE rather than exported in part. */
export interface ExportLimits {
  conversations: number;
  messages: number;
  activityEvents: number;
  /** Of the serialised JSON. */
  bytes: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { conversations: 1000, messages: 20_000, activityEvents: 20_000, bytes: 10 * 1024 * 1024 };

/** The version of the export's shape, in `format`. */
export const EXPORT_FORMAT = 'chatonce.contact-export.v1';

/**
 * Everything stored about a contact, for its account's admins (a GDPR access request): the
 * contact, each conversation with its messages (internal notes included), its rating and the
 * message left, and every activity event of the contact or its conversations. IDs are the API's
 * global IDs; users appear by ID and name. Read in a handful of queries, each bounded.
 */
export async function exportContact(em: EntityManager, accountId: string, contactId: string, limits: ExportLimits = DEFAULT_EXPORT_LIMITS): Promise<{ contact: Contact; data: Record<string, unknown> }> {
  const contact = await em.findOne(Contact, { id: contactId, account: accountId });
  if (!contact) fail(ContactErrorCode.CONTACT_NOT_FOUND, 'No contact with this ID in your account.', ['id']);
  const tooLarge = (what: string, limit: number): never =>
    fail(ContactErrorCode.EXPORT_TOO_LARGE, `This contact has more ${what} than an export holds (${limit}). Ask the operator for a full export.`, ['id']);

  const conversations = await em.find(Conversation, { contact: contact.id }, { orderBy: { id: 'asc' }, limit: limits.conversations + 1 });
  if (conversations.length > limits.conversations) tooLarge('conversations', limits.conversations);
  const conversationIds = conversations.map((conversation) => conversation.id);
  const messages = conversationIds.length ? await em.find(Message, { conversation: { $in: conversationIds } }, { orderBy: { conversation: 'asc', seq: 'asc' }, limit: limits.messages + 1 }) : [];
  if (messages.length > limits.messages) tooLarge('messages', limits.messages);
  const events = await em.find(
    ActivityEvent,
    { account: accountId, $or: [{ contact: contact.id }, ...(conversationIds.length ? [{ conversation: { $in: conversationIds } }] : [])] },
    { orderBy: { position: 'asc' }, limit: limits.activityEvents + 1 },
  );
  if (events.length > limits.activityEvents) tooLarge('activity events', limits.activityEvents);

  // Partial reads stay out of the request's identity map: a resolver reading the same user later would get a user without its account.
  const userIds = new Set<string>();
  for (const conversation of conversations) if (conversation.assignee) userIds.add(conversation.assignee.id);
  for (const message of messages) if (message.sender) userIds.add(message.sender.id);
  for (const event of events) if (event.actorUser) userIds.add(event.actorUser.id);
  const users = new Map((userIds.size ? await em.find(User, { id: { $in: [...userIds] } }, { fields: ['id', 'name'], disableIdentityMap: true }) : []).map((user) => [user.id, user]));
  const user = (id: string | undefined) => (id ? { id: encodeGlobalId('User', id), name: users.get(id)?.name ?? null } : null);
  const versionIds = [...new Set(conversations.map((conversation) => conversation.flowVersion.id))];
  const versions = new Map((versionIds.length ? await em.find(FlowVersion, { id: { $in: versionIds } }, { fields: ['id', 'version', 'flow'], disableIdentityMap: true }) : []).map((version) => [version.id, version]));

  const messagesOf = new Map<string, Message[]>();
  for (const message of messages) messagesOf.set(message.conversation.id, [...(messagesOf.get(message.conversation.id) ?? []), message]);
  const data = {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    contact: { id: contact.nodeId, name: contact.name ?? null, email: contact.email ?? null, fields: contact.fields, createdAt: contact.createdAt, updatedAt: contact.updatedAt, erasedAt: contact.erasedAt ?? null },
    conversations: conversations.map((conversation) => {
      const version = versions.get(conversation.flowVersion.id);
      return {
        id: conversation.nodeId,
        status: conversation.status,
        endReason: conversation.endReason ?? null,
        flow: version ? { id: encodeGlobalId('Flow', version.flow.id), version: version.version } : null,
        pageUrl: conversation.pageUrl ?? null,
        referrer: conversation.referrer ?? null,
        locale: conversation.locale ?? null,
        assignee: user(conversation.assignee?.id),
        createdAt: conversation.createdAt,
        waitingSince: conversation.waitingSince ?? null,
        acceptedAt: conversation.acceptedAt ?? null,
        endedAt: conversation.endedAt ?? null,
        transferNote: conversation.transferNote ?? null,
        rating: conversation.ratedAt ? { score: conversation.ratingScore ?? null, comment: conversation.ratingComment ?? null, ratedAt: conversation.ratedAt } : null,
        offlineMessage: conversation.offlineMessageAt ? { body: conversation.offlineMessage ?? null, leftAt: conversation.offlineMessageAt } : null,
        messages: (messagesOf.get(conversation.id) ?? []).map((message) => ({
          id: message.nodeId,
          author: message.author,
          body: message.body,
          ...(message.visitorBody ? { visitorBody: message.visitorBody } : {}),
          ...(message.options?.length ? { options: message.options } : {}),
          sender: user(message.sender?.id),
          clientMessageId: message.clientMessageId ?? null,
          createdAt: message.createdAt,
        })),
      };
    }),
    activityEvents: events.map((event) => ({
      id: event.nodeId,
      type: event.type,
      occurredAt: event.occurredAt,
      conversationId: event.conversation ? encodeGlobalId('Conversation', event.conversation.id) : null,
      actor: { kind: event.actorKind, user: user(event.actorUser?.id) },
      data: event.data,
    })),
  };
  // Dates as the API writes them; measured as sent.
  const serialised = JSON.stringify(data);
  if (Buffer.byteLength(serialised) > limits.bytes) tooLarge('data', limits.bytes);
  return { contact, data: JSON.parse(serialised) as Record<string, unknown> };
}
