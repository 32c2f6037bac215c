import { raw, ref, type EntityManager } from '@mikro-orm/core';
import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import type { ActivityService } from '../activity/activity.service';
import type { Viewer } from '../auth/viewer';
import { Conversation } from '../conversations/conversation.entity';
import type { AfterCommit } from '../realtime/after-commit';
import { Contact } from './contact.entity';

/**
 * One person, one contact: when a visitor gives an email another contact of the account already
 * has, their conversation joins that contact, and the visitor's own contact (new, usually with
 * just this conversation) is merged into it: fields merged (what this visitor gave wins), its
 * conversations and activity moved, the row deleted, `CONTACTS_MERGED` recorded. All of it in the
 * transaction of the capture.
 *
 * Concurrency: the lookup and the merge run under a transaction-scoped advisory lock on
 * (account, lower(email)), held until commit, so two visitors giving the same email at once are
 * serialised and the second finds the first's contact (each statement under READ COMMITTED sees
 * what committed before it). No unique index: contacts already stored may share an email (the
 * oldest is kept), and the verified identity to come may keep an unverified visitor's email
 * apart from the contact it names; the lock works either way.
 *
 * What the visitor reaches does not grow: a visitor token reads its own conversation and its
 * messages only, never a Contact (tenant-access.ts), so joining a contact shows the visitor
 * neither its fields nor its other conversations; and the bot asks as if it knew only what this
 * visitor gave (`detailsGivenHere`), so its questions do not reveal what the contact holds.
 * Restricting the join itself (e.g. to verified visitors) is one condition in `storeCapturedDetails`.
 */

/** What one bot turn captured about the visitor. */
export interface CapturedDetails {
  name?: string;
  email?: string;
  fields?: Record<string, string>;
}

// pg_advisory_xact_lock(int, int): this namespace, then a hash of (account, lower(email)).
const EMAIL_LOCK_NAMESPACE = 7301;

/** Serialises, until the transaction ends, everyone looking up or changing who holds this email in the account. */
export async function lockContactEmail(tem: EntityManager, accountId: string, email: string): Promise<void> {
  // On the transaction's own connection (a second pooled one would not hold the lock for it).
  await tem.getConnection().execute('select pg_advisory_xact_lock(?, hashtext(?))', [EMAIL_LOCK_NAMESPACE, `${accountId}:${email.toLowerCase()}`], 'all', tem.getTransactionContext());
}

/**
 * Stores what a turn captured on the conversation's contact; with an email another contact of
 * the account has, the conversation joins that one (see above). Returns the contact the
 * conversation now has, and the one merged into it, if any (`recordMerge` records it after the
 * turn's own events, which therefore already name the kept contact).
 */
export async function storeCapturedDetails(tem: EntityManager, conversation: Conversation, contact: Contact, captured: CapturedDetails): Promise<{ contact: Contact; merged: Contact | null }> {
  const email = captured.email;
  // Before the contact's row changes: whoever holds the lock never waits for this row (no deadlock).
  if (email !== undefined) await lockContactEmail(tem, contact.account.id, email);
  if (captured.name !== undefined) contact.name = captured.name;
  if (email !== undefined) contact.email = email;
  if (captured.fields) contact.fields = { ...contact.fields, ...captured.fields };
  // A verified visitor's contact is theirs already; a verified contact is joined only by its own user (identity.service.ts).
  if (email === undefined || conversation.identityVerified) return { contact, merged: null };
  const existing = await tem.findOne(
    Contact,
    { account: contact.account.id, id: { $ne: contact.id }, erasedAt: null, externalUserId: null, [raw((alias) => `lower(${alias}.email)`)]: email.toLowerCase() },
    { orderBy: { id: 'asc' } },
  );
  if (!existing) return { contact, merged: null };
  await mergeInto(tem, existing, contact, conversation);
  return { contact: existing, merged: contact };
}

/** Moves everything of `merged` to `kept` and deletes it; `conversation` (one of merged's) joins kept. */
async function mergeInto(tem: EntityManager, kept: Contact, merged: Contact, conversation: Conversation): Promise<void> {
  // The newer details win: merged is the contact of the visitor writing now.
  kept.name = merged.name ?? kept.name;
  kept.email = merged.email;
  kept.fields = { ...kept.fields, ...merged.fields };
  conversation.contact = ref(kept);
  // What this transaction wrote of merged (its events, this conversation) is in the database before the moves.
  await tem.flush();
  await tem.nativeUpdate(Conversation, { contact: merged.id }, { contact: kept.id, updatedAt: new Date() });
  await tem.nativeUpdate(ActivityEvent, { contact: merged.id }, { contact: kept.id });
  tem.remove(merged);
}

/** `CONTACTS_MERGED` on the kept contact (`contact.merged` for webhooks): which contact went into which. */
export async function recordMerge(activity: ActivityService, tem: EntityManager, afterCommit: AfterCommit, conversation: Conversation, kept: Contact, merged: Contact, actor: Viewer | 'system'): Promise<void> {
  await activity.record(tem, afterCommit, {
    accountId: kept.account.id,
    type: ActivityEventType.CONTACTS_MERGED,
    contactId: kept.id,
    conversationId: conversation.id,
    actor,
    data: { keptContactId: kept.nodeId, mergedContactId: merged.nodeId, reason: 'SAME_EMAIL' },
  });
}

/**
 * What the bot may treat as known in a conversation: what its visitor gave in it. A contact
 * without an email is the conversation's own (joins happen when an email is given), so it is
 * read as it is; a contact with one may hold details of other conversations, so the bot reads
 * this conversation's captures instead (one indexed query). A verified visitor is given the
 * whole contact.
 */
export async function detailsGivenHere(tem: EntityManager, conversation: Conversation, contact: Contact): Promise<{ name: string | null; email: string | null }> {
  // A verified visitor is the contact's person: everything it holds is theirs.
  if (conversation.identityVerified) return { name: contact.name ?? null, email: contact.email ?? null };
  if (!contact.email) return { name: contact.name ?? null, email: null };
  const captures = await tem.find(
    ActivityEvent,
    { conversation: conversation.id, type: ActivityEventType.CONTACT_DETAILS_CAPTURED },
    { fields: ['data'], orderBy: { id: 'asc' }, disableIdentityMap: true },
  );
  const given: Record<string, string | null> = {};
  for (const { data } of captures) if (typeof data.field === 'string' && typeof data.value === 'string') given[data.field] = data.value;
  return { name: given.name ?? null, email: given.email ?? null };
}
