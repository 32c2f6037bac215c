import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { AuthErrorCode } from '../auth/auth.errors';
import { hashPassword } from '../auth/password';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import { forbidden } from '../errors/graphql-errors';
import { fail, UserErrorsException } from '../errors/user-error';
import type { EventDispatcher } from '../realtime/dispatcher';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { syncAcceptingPeriod } from '../reports/accepting-periods';
import { User, UserRole } from './user.entity';
import { newUserErrors, normalizeEmail } from './user.rules';
import type { CreateUserInput } from './user.types';

export const UserErrorCode = {
  NOT_A_USER: 'NOT_A_USER',
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  INVALID_CAPACITY: 'INVALID_CAPACITY',
} as const;

/** Bounds of `User.maxConcurrentChats` (null: no limit). */
export const MAX_CONCURRENT_CHATS_RANGE = { min: 1, max: 100 } as const;

/** The users of an account. */
export class UserService {
  constructor(private readonly dispatcher: EventDispatcher) {}

  /** The user a member acts as (an API key acts as the admin who created it). */
  async me(em: EntityManager, viewer: MemberViewer): Promise<User | null> {
    // By key alone, so the user authenticate loaded into this request's EntityManager answers without a query.
    const user = await em.findOne(User, actingUserId(viewer));
    return user?.account.id === viewer.accountId ? user : null;
  }

  list(em: EntityManager, viewer: MemberViewer, args: ConnectionArgs) {
    return paginate(em, User, { account: viewer.accountId }, args);
  }

  async create(em: EntityManager, viewer: MemberViewer, input: CreateUserInput): Promise<{ user: User }> {
    const errors = newUserErrors(input);
    if (errors.length) throw new UserErrorsException(errors);
    const email = normalizeEmail(input.email);
    if (await em.count(User, { email })) fail(AuthErrorCode.EMAIL_TAKEN, 'A user with this email already exists.', ['input', 'email']);
    const user = em.create(User, {
      account: viewer.accountId,
      name: input.name.trim(),
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      acceptingChats: false,
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) fail(AuthErrorCode.EMAIL_TAKEN, 'A user with this email already exists.', ['input', 'email']);
      throw error;
    }
    return { user };
  }

  /** An admin's change to a teammate: today their capacity (`undefined`: left as it is). */
  async update(em: EntityManager, viewer: MemberViewer, userId: string | null, changes: { maxConcurrentChats?: number | null }): Promise<{ user: User }> {
    const user = userId ? await em.findOne(User, { id: userId, account: viewer.accountId }) : null;
    if (!user) fail(UserErrorCode.USER_NOT_FOUND, 'No user with this ID in your account.', ['input', 'userId']);
    const capacity = changes.maxConcurrentChats;
    if (capacity !== undefined) {
      const { min, max } = MAX_CONCURRENT_CHATS_RANGE;
      if (capacity !== null && (!Number.isInteger(capacity) || capacity < min || capacity > max)) {
        fail(UserErrorCode.INVALID_CAPACITY, `Enter a number of chats from ${min} to ${max}, or leave it empty for no limit.`, ['input', 'maxConcurrentChats']);
      }
      // Lowering it below the user's current chats keeps them: it only stops new ones.
      user.maxConcurrentChats = capacity;
    }
    await em.flush();
    return { user };
  }

  /**
   * Turns the live-chat inbox on or off: for the signed-in user, or for `userId` of the account
   * (admins only: switching a teammate off who walked away; FORBIDDEN for anyone else).
   */
  async setAcceptingChats(em: EntityManager, viewer: MemberViewer, accepting: boolean, userId?: string | null): Promise<{ user: User }> {
    // `undefined`: the caller; `null`: an ID that names no user.
    const forOther = userId !== undefined && userId !== actingUserId(viewer);
    if (forOther && viewer.role !== UserRole.ADMIN) throw forbidden('Only an admin can switch a teammate’s accepting chats.');
    if (!forOther && viewer.kind !== 'user') fail(UserErrorCode.NOT_A_USER, 'Only a signed-in user can accept chats; API keys cannot.', ['accepting']);
    const id = forOther ? userId : actingUserId(viewer);
    const user = id ? await em.findOne(User, { id, account: viewer.accountId }) : null;
    if (!user) fail(UserErrorCode.USER_NOT_FOUND, 'No user with this ID in your account.', ['userId']);
    const turnedOn = accepting && !user.acceptingChats;
    user.acceptingChats = accepting;
    await em.flush();
    // The reports' record of who accepted chats when (see reports/accepting-periods.ts).
    await syncAcceptingPeriod(em, user.id);
    this.dispatcher.acceptingChanged(user.id, accepting);
    if (turnedOn) await this.dispatcher.announceWaitingChats(em, user.id, viewer.accountId);
    return { user };
  }
}
