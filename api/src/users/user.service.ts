import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { AuthErrorCode } from '../auth/auth.errors';
import { hashPassword } from '../auth/password';
import { actingUserId, type MemberViewer } from '../auth/viewer';
import { fail, UserErrorsException } from '../errors/user-error';
import type { EventDispatcher } from '../realtime/dispatcher';
import { paginate, type ConnectionArgs } from '../relay/connection';
import { User } from './user.entity';
import { newUserErrors, normalizeEmail } from './user.rules';
import type { CreateUserInput } from './user.types';

export const UserErrorCode = {
  NOT_A_USER: 'NOT_A_USER',
} as const;

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

  /** Turns the live-chat inbox on or off for the signed-in user. */
  async setAcceptingChats(em: EntityManager, viewer: MemberViewer, accepting: boolean): Promise<{ user: User }> {
    if (viewer.kind !== 'user') fail(UserErrorCode.NOT_A_USER, 'Only a signed-in user can accept chats; API keys cannot.', ['accepting']);
    const user = await em.findOneOrFail(User, { id: viewer.userId, account: viewer.accountId });
    const turnedOn = accepting && !user.acceptingChats;
    user.acceptingChats = accepting;
    await em.flush();
    if (turnedOn) await this.dispatcher.announceWaitingChats(em, user.id, viewer.accountId);
    return { user };
  }
}
