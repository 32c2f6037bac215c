import { LockMode, type EntityManager } from '@mikro-orm/core';
import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import type { MemberViewer } from '../auth/viewer';
import type { ChatEndingService } from '../conversations/chat-ending.service';
import { OPEN_STATUSES } from '../conversations/conversation-access';
import { Conversation } from '../conversations/conversation.entity';
import { fail } from '../errors/user-error';
import { Message, MessageAuthor } from '../messages/message.entity';
import { AfterCommit } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';
import { eraseContactFromPayloads } from '../webhooks/webhook-payloads';
import { Contact } from './contact.entity';
import { ContactErrorCode as Code } from './contact.errors';
import { DEFAULT_EXPORT_LIMITS, exportContact, type ExportLimits } from './contact-export';
import { lockContactEmail } from './contact-merge';

/** What erased text reads as: the message, its time and its author stay. */
export const ERASED = '[erased]';

/** Messages people wrote (the visitor, the team); the bot's and ChatOnce's own lines hold nothing of the contact and stay. */
const ERASED_AUTHORS = [MessageAuthor.VISITOR, MessageAuthor.AGENT, MessageAuthor.NOTE];

/**
 * The personal data in each activity event type's `data`: free text the visitor typed or gave
 * (an option picked is the flow's own label and stays), the team's note on a transfer, the page
 * a conversation started on. Every other key (step keys, reasons, counts, IDs) stays.
 */
const PERSONAL_DATA: Partial<Record<ActivityEventType, (data: Record<string, unknown>) => string[]>> = {
  [ActivityEventType.CONTACT_DETAILS_CAPTURED]: () => ['value'],
  [ActivityEventType.CONTACT_QUALIFIED]: (data) => (data.optionKey ? [] : ['answer']),
  [ActivityEventType.OFFLINE_MESSAGE_LEFT]: () => ['message', 'name', 'email'],
  [ActivityEventType.CONVERSATION_RATED]: () => ['comment'],
  [ActivityEventType.LIVE_CHAT_TRANSFERRED]: () => ['note'],
  [ActivityEventType.CONVERSATION_STARTED]: () => ['pageUrl'],
};

export interface ContactPrivacyDeps {
  activity: ActivityService;
  chatEndings: ChatEndingService;
  dispatcher: EventDispatcher;
  exportLimits?: ExportLimits;
}

/** What a GDPR request needs: erasing a contact (`deleteContact`) and exporting it (`exportContact`). */
export class ContactPrivacyService {
  constructor(private readonly deps: ContactPrivacyDeps) {}

  export(em: EntityManager, viewer: MemberViewer, contactId: string) {
    return exportContact(em, viewer.accountId, contactId, this.deps.exportLimits ?? DEFAULT_EXPORT_LIMITS);
  }

  /**
   * Erases a contact in one transaction: its name, email and fields; the text of its
   * conversations' messages (kept as "[erased]" with their times and authors, so counts and
   * timelines hold), the messages left, rating comments, transfer notes and page URLs; the
   * personal data in its activity events and in the stored bodies of their webhooks. Its open
   * conversations end (CONTACT_DELETED). The contact stays, with `erasedAt`, so conversations and
   * reports keep counting it; `CONTACT_DELETED` is recorded and sent as `contact.deleted`.
   *
   * Locks, in the order every writer takes them (no deadlock): the email's advisory lock (no
   * conversation can join the contact meanwhile, see contact-merge.ts), then its conversations
   * (a bot turn or a message in flight finishes first), then the contact's row.
   */
  async erase(em: EntityManager, viewer: MemberViewer, contactId: string): Promise<{ contact: Contact; erasedConversations: number; erasedMessages: number }> {
    const afterCommit = new AfterCommit();
    const result = await em.transactional(async (tem) => {
      const contact = await this.lockContact(tem, viewer.accountId, contactId);
      const conversations = await tem.find(Conversation, { contact: contact.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      // Gone only if a capture just merged it into another contact: as if it never existed.
      if (!(await tem.findOne(Contact, contact.id, { lockMode: LockMode.PESSIMISTIC_WRITE }))) fail(Code.CONTACT_NOT_FOUND, 'No contact with this ID in your account.', ['id']);
      const now = new Date();
      contact.name = null;
      contact.email = null;
      contact.fields = {};
      contact.erasedAt = now;
      for (const conversation of conversations) {
        // Ended first, so the ending's event is written with the contact already erased.
        if (OPEN_STATUSES.includes(conversation.status)) await this.deps.chatEndings.endForDeletedContact(tem, afterCommit, conversation, viewer);
        if (conversation.offlineMessage != null) conversation.offlineMessage = ERASED;
        if (conversation.ratingComment != null) conversation.ratingComment = ERASED;
        conversation.transferNote = null;
        conversation.pageUrl = null;
        conversation.referrer = null;
      }
      const conversationIds = conversations.map((conversation) => conversation.id);
      await tem.flush();
      const erasedMessages = conversationIds.length
        ? await tem.nativeUpdate(Message, { conversation: { $in: conversationIds }, author: { $in: ERASED_AUTHORS }, body: { $ne: ERASED } }, { body: ERASED, visitorBody: null })
        : 0;
      await this.eraseEventData(tem, contact.id, conversationIds);
      await tem.flush();
      await eraseContactFromPayloads(tem, contact, conversationIds);
      await this.deps.activity.record(tem, afterCommit, {
        accountId: viewer.accountId,
        type: ActivityEventType.CONTACT_DELETED,
        contactId: contact.id,
        actor: viewer,
        data: { conversations: conversations.length, messages: erasedMessages },
      });
      return { contact, erasedConversations: conversations.length, erasedMessages };
    });
    await this.deps.dispatcher.dispatch(em, afterCommit);
    return result;
  }

  /**
   * The contact, with its email's advisory lock held. The email is read, locked, then read again:
   * only a capture changes it, and a capture takes the lock of the new email first, so a second
   * change between the reads is retried.
   */
  private async lockContact(tem: EntityManager, accountId: string, contactId: string): Promise<Contact> {
    for (let attempt = 0; ; attempt++) {
      const contact = await tem.findOne(Contact, { id: contactId, account: accountId }, { refresh: true });
      if (!contact) fail(Code.CONTACT_NOT_FOUND, 'No contact with this ID in your account.', ['id']);
      if (contact.erasedAt) fail(Code.CONTACT_ALREADY_ERASED, 'This contact was erased already.', ['id']);
      if (!contact.email) return contact;
      const email = contact.email;
      await lockContactEmail(tem, accountId, email);
      const again = await tem.findOne(Contact, contact.id, { refresh: true });
      if (!again) fail(Code.CONTACT_NOT_FOUND, 'No contact with this ID in your account.', ['id']);
      if (again.erasedAt) fail(Code.CONTACT_ALREADY_ERASED, 'This contact was erased already.', ['id']);
      if (again.email === email || attempt >= 2) return again;
    }
  }

  /** Replaces the personal values in the data of the contact's events (see PERSONAL_DATA); flushed by the caller. */
  private async eraseEventData(tem: EntityManager, contactId: string, conversationIds: string[]): Promise<void> {
    const types = Object.keys(PERSONAL_DATA) as ActivityEventType[];
    const events = await tem.find(ActivityEvent, {
      type: { $in: types },
      $or: [{ contact: contactId }, ...(conversationIds.length ? [{ conversation: { $in: conversationIds } }] : [])],
    });
    for (const event of events) {
      const keys = PERSONAL_DATA[event.type]!(event.data).filter((key) => event.data[key] != null && event.data[key] !== ERASED);
      if (keys.length) event.data = { ...event.data, ...Object.fromEntries(keys.map((key) => [key, ERASED])) };
    }
  }
}
