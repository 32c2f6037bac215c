import { LockMode, UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { AuthErrorCode } from '../auth/auth.errors';
import { hashPassword } from '../auth/password';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import type { Conversation } from '../conversations/conversation.entity';
import type { RequeueService } from '../conversations/requeue.service';
import { forbidden } from '../errors/graphql-errors';
import { fail, UserErrorsException } from '../errors/user-error';
import { AfterCommit } from '../realtime/after-commit';
import type { EventDispatcher } from '../realtime/dispatcher';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { syncAcceptingPeriod } from '../reports/accepting-periods';
import { lockActiveAdmins } from './admin-lock';
import { User, UserRole } from './user.entity';
import { newUserErrors, normalizeEmail } from './user.rules';
import type { CreateUserInput } from './user.types';

export const UserErrorCode = {
  NOT_A_USER: 'NOT_A_USER',
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  INVALID_CAPACITY: 'INVALID_CAPACITY',
  /** updateUser or deactivateUser: the change would leave the account without an active admin. */
  LAST_ADMIN: 'LAST_ADMIN',
  /** setAcceptingChats: a deactivated user cannot be switched on. */
  USER_DEACTIVATED: 'USER_DEACTIVATED',
  /** deactivateUser: an admin cannot deactivate themselves (nor an API key its creator). */
  CANNOT_DEACTIVATE_SELF: 'CANNOT_DEACTIVATE_SELF',
} as const;

/** What `users(filter:)` narrows to. */
export interface UserFilter {
  /** True: active users only; false: deactivated ones only; absent: both. */
  active?: boolean | null;
}

export interface UserChanges {
  /** `undefined`: left as it is. */
  maxConcurrentChats?: number | null;
  role?: UserRole | null;
}

/** Bounds of `User.maxConcurrentChats` (null: no limit). */
export const MAX_CONCURRENT_CHATS_RANGE = { min: 1, max: 100 } as const;

/** The users of an account. */
export class UserService {
  constructor(
    private readonly dispatcher: EventDispatcher,
    private readonly requeue: RequeueService,
  ) {}

  /** The user a member acts as (an API key acts as the admin who created it). */
  async me(em: EntityManager, viewer: MemberViewer): Promise<User | null> {
    // By key alone, so the user authenticate loaded into this request's EntityManager answers without a query.
    const user = await em.findOne(User, actingUserId(viewer));
    return user?.account.id === viewer.accountId ? user : null;
  }

  list(em: EntityManager, viewer: MemberViewer, args: ConnectionArgs, filter: UserFilter = {}) {
    const where: FilterQuery<User> = { account: viewer.accountId };
    if (filter.active === true) where.deactivatedAt = null;
    if (filter.active === false) where.deactivatedAt = { $ne: null };
    return paginate(em, User, where, args);
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

  /**
   * An admin's change to a teammate: their capacity and role. A role change is made under the
   * lock of the account's active admins, so the last of them cannot be demoted (LAST_ADMIN), not
   * even by two admins demoting each other at once; the user's open websockets are then closed
   * for a reconnect, since a connection keeps the role it was opened with.
   */
  async update(em: EntityManager, viewer: MemberViewer, userId: string | null, changes: UserChanges): Promise<{ user: User }> {
    const capacity = changes.maxConcurrentChats;
    if (capacity !== undefined) {
      const { min, max } = MAX_CONCURRENT_CHATS_RANGE;
      if (capacity !== null && (!Number.isInteger(capacity) || capacity < min || capacity > max)) {
        fail(UserErrorCode.INVALID_CAPACITY, `Enter a number of chats from ${min} to ${max}, or leave it empty for no limit.`, ['input', 'maxConcurrentChats']);
      }
    }
    const role = changes.role ?? undefined;
    let roleChanged = false;
    const user = await em.transactional(async (tem) => {
      const admins = role === undefined ? [] : await lockActiveAdmins(tem, viewer);
      const found = await this.lockTeammate(tem, viewer, userId, admins);
      // Lowering it below the user's current chats keeps them: it only stops new ones.
      if (capacity !== undefined) found.maxConcurrentChats = capacity;
      if (role !== undefined && role !== found.role) {
        if (found.role === UserRole.ADMIN && found.active && !admins.some((admin) => admin.id !== found.id)) {
          fail(UserErrorCode.LAST_ADMIN, 'This is the account’s only active admin: make someone else an admin first.', ['input', 'role']);
        }
        found.role = role;
        roleChanged = true;
      }
      return found;
    });
    if (roleChanged) this.dispatcher.userAccessChanged(user.id, 'role');
    return { user };
  }

  /**
   * Deactivates a teammate, in one transaction: they can no longer sign in and their tokens stop
   * working (the user cache hears of the change through the change feed, and their open
   * websockets are closed once it committed), their accepting switch goes off, and their ACTIVE
   * chats go back to WAITING in every accepting inbox (RequeueService). Deactivating someone
   * already deactivated changes nothing.
   */
  async deactivate(em: EntityManager, viewer: MemberViewer, userId: string | null): Promise<{ user: User; requeuedConversations: Conversation[] }> {
    const afterCommit = new AfterCommit();
    let changed = false;
    const result = await em.transactional(async (tem) => {
      const admins = await lockActiveAdmins(tem, viewer);
      const user = await this.lockTeammate(tem, viewer, userId, admins);
      if (user.id === actingUserId(viewer)) {
        fail(UserErrorCode.CANNOT_DEACTIVATE_SELF, viewer.kind === 'user' ? 'You cannot deactivate yourself: ask another admin.' : 'An API key cannot deactivate the admin who created it.', ['input', 'userId']);
      }
      if (!user.active) return { user, requeuedConversations: [] as Conversation[] };
      if (user.role === UserRole.ADMIN && !admins.some((admin) => admin.id !== user.id)) {
        fail(UserErrorCode.LAST_ADMIN, 'This is the account’s only active admin: make someone else an admin first.', ['input', 'userId']);
      }
      const now = new Date();
      user.deactivatedAt = now;
      user.tokensValidFrom = now;
      user.acceptingChats = false;
      changed = true;
      // Written first, so routing (AUTO) never offers a requeued chat back to them.
      await tem.flush();
      // Their accepting period ends with it (reports/accepting-periods.ts).
      await syncAcceptingPeriod(tem, user.id);
      const requeuedConversations = await this.requeue.requeueChatsOf(tem, afterCommit, user, viewer, now);
      return { user, requeuedConversations };
    });
    if (changed) {
      // Their inbox stream stops first, then their sockets close, then the chats ring for everyone else.
      this.dispatcher.acceptingChanged(result.user.id, false);
      this.dispatcher.userAccessChanged(result.user.id, 'deactivated');
      await this.dispatcher.dispatch(em, afterCommit);
    }
    return result;
  }

  /** Lets a deactivated teammate sign in again (with their old password; tokens from before stay refused). */
  async reactivate(em: EntityManager, viewer: MemberViewer, userId: string | null): Promise<{ user: User }> {
    const user = await em.transactional(async (tem) => {
      const admins = await lockActiveAdmins(tem, viewer);
      const found = await this.lockTeammate(tem, viewer, userId, admins);
      found.deactivatedAt = null;
      return found;
    });
    return { user };
  }

  /** The user `userId` of the caller's account, locked (from `admins` when it is one of them); USER_NOT_FOUND otherwise. */
  private async lockTeammate(tem: EntityManager, viewer: MemberViewer, userId: string | null, admins: User[]): Promise<User> {
    const user = !userId
      ? null
      : (admins.find((admin) => admin.id === userId) ??
        (await tem.findOne(User, { id: userId, account: viewer.accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })));
    if (!user) fail(UserErrorCode.USER_NOT_FOUND, 'No user with this ID in your account.', ['input', 'userId']);
    return user;
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
    if (accepting && !user.active) fail(UserErrorCode.USER_DEACTIVATED, 'This user is deactivated: reactivate them first.', ['userId']);
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
