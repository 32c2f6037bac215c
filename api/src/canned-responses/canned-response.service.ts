import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import { fail, userError, UserErrorsException, type UserError } from '../errors/user-error';
import { User } from '../users/user.entity';
import { CannedResponse } from './canned-response.entity';

export const CannedResponseErrorCode = {
  INVALID_SHORTCUT: 'INVALID_SHORTCUT',
  SHORTCUT_TAKEN: 'SHORTCUT_TAKEN',
  INVALID_TITLE: 'INVALID_TITLE',
  INVALID_BODY: 'INVALID_BODY',
  CANNED_RESPONSE_NOT_FOUND: 'CANNED_RESPONSE_NOT_FOUND',
  CANNED_RESPONSES_LIMIT: 'CANNED_RESPONSES_LIMIT',
} as const;
const Code = CannedResponseErrorCode;

const SHORTCUT = /^[a-z0-9_-]{1,32}$/;
const MAX_TITLE = 100;
const MAX_BODY = 5000;
/** Per account: the composer loads them all, so the list stays small enough to load at once. */
export const MAX_CANNED_RESPONSES = 500;

interface CannedResponseFields {
  shortcut?: string | null;
  title?: string | null;
  body?: string | null;
}

/** Saved replies: admins manage them, every user of the account reads them. */
export class CannedResponseService {
  /** All of the account's saved replies, by shortcut (at most MAX_CANNED_RESPONSES). */
  list(em: EntityManager, accountId: string): Promise<CannedResponse[]> {
    return em.find(CannedResponse, { account: accountId }, { orderBy: { shortcut: 'asc' }, limit: MAX_CANNED_RESPONSES });
  }

  async create(em: EntityManager, viewer: MemberViewer, input: Required<CannedResponseFields>): Promise<{ cannedResponse: CannedResponse }> {
    const fields = validate(input, true);
    // A bound on size, not an exact quota: two creates at once may both pass the count.
    if ((await em.count(CannedResponse, { account: viewer.accountId })) >= MAX_CANNED_RESPONSES) {
      fail(Code.CANNED_RESPONSES_LIMIT, `An account can keep up to ${MAX_CANNED_RESPONSES} saved replies. Delete one first.`, ['input']);
    }
    const cannedResponse = em.create(CannedResponse, {
      account: viewer.accountId,
      shortcut: fields.shortcut!,
      title: fields.title!,
      body: fields.body!,
      createdBy: em.getReference(User, actingUserId(viewer)),
    });
    return this.saving(fields.shortcut, async () => {
      await em.flush();
      return { cannedResponse };
    });
  }

  async update(em: EntityManager, viewer: MemberViewer, id: string, input: CannedResponseFields): Promise<{ cannedResponse: CannedResponse }> {
    const fields = validate(input, false);
    const cannedResponse = await this.require(em, viewer, id);
    if (fields.shortcut !== undefined) cannedResponse.shortcut = fields.shortcut;
    if (fields.title !== undefined) cannedResponse.title = fields.title;
    if (fields.body !== undefined) cannedResponse.body = fields.body;
    return this.saving(fields.shortcut, async () => {
      await em.flush();
      return { cannedResponse };
    });
  }

  async delete(em: EntityManager, viewer: MemberViewer, id: string): Promise<{ deletedCannedResponseId: string }> {
    const cannedResponse = await this.require(em, viewer, id);
    const deletedCannedResponseId = cannedResponse.nodeId;
    await em.remove(cannedResponse).flush();
    return { deletedCannedResponseId };
  }

  private async require(em: EntityManager, viewer: MemberViewer, id: string | null): Promise<CannedResponse> {
    const found = id ? await em.findOne(CannedResponse, { id, account: viewer.accountId }) : null;
    if (!found) fail(Code.CANNED_RESPONSE_NOT_FOUND, 'No saved reply with this ID is in your account.', ['input', 'id']);
    return found;
  }

  /** Runs a write; the unique index answers a shortcut taken meanwhile as SHORTCUT_TAKEN. */
  private async saving<T>(shortcut: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) fail(Code.SHORTCUT_TAKEN, `The shortcut /${shortcut} is taken by another saved reply.`, ['input', 'shortcut']);
      throw error;
    }
  }
}

/** Normalises and checks the given fields, reporting every problem at once; undefined = not given. */
function validate(input: CannedResponseFields, creating: boolean): { shortcut?: string; title?: string; body?: string } {
  const errors: UserError[] = [];
  const out: { shortcut?: string; title?: string; body?: string } = {};
  if (creating || (input.shortcut !== undefined && input.shortcut !== null)) {
    const shortcut = (input.shortcut ?? '').trim().replace(/^\//, '').toLowerCase();
    if (!SHORTCUT.test(shortcut)) errors.push(userError(Code.INVALID_SHORTCUT, 'A shortcut is 1 to 32 lowercase letters, digits, “-” or “_”.', ['input', 'shortcut']));
    out.shortcut = shortcut;
  }
  if (creating || (input.title !== undefined && input.title !== null)) {
    const title = (input.title ?? '').trim();
    if (!title || title.length > MAX_TITLE) errors.push(userError(Code.INVALID_TITLE, `A title is 1 to ${MAX_TITLE} characters.`, ['input', 'title']));
    out.title = title;
  }
  if (creating || (input.body !== undefined && input.body !== null)) {
    const body = (input.body ?? '').trim();
    if (!body || body.length > MAX_BODY) errors.push(userError(Code.INVALID_BODY, `A saved reply is 1 to ${MAX_BODY} characters.`, ['input', 'body']));
    out.body = body;
  }
  if (errors.length) throw new UserErrorsException(errors);
  return out;
}
