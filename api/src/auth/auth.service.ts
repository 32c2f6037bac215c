import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { Account } from '../accounts/account.entity';
import type { Config } from '../config/config';
import { fail, failRateLimited, UserErrorsException } from '../errors/user-error';
import { User, UserRole } from '../users/user.entity';
import { newUserErrors, normalizeEmail } from '../users/user.rules';
import { AuthErrorCode } from './auth.errors';
import type { LoginInput, SignUpInput } from './auth.types';
import { hashPassword, verifyPassword } from './password';
import { signUserToken } from './tokens';

export interface SignedIn {
  token: string;
  user: User;
}

/** Sign-up, sign-in and user tokens. */
export class AuthService {
  private readonly failedLogins: RateLimiterRedis;

  constructor(
    private readonly config: Config,
    redis: Redis,
  ) {
    // Counts failed attempts per email, so guessing one user's password is throttled.
    this.failedLogins = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'chatonce:login-failures',
      points: config.LOGIN_ATTEMPTS_PER_15_MIN,
      duration: 15 * 60,
    });
  }

  /** A new account with its first ADMIN user, in one transaction. */
  async signUp(em: EntityManager, input: SignUpInput): Promise<SignedIn> {
    const errors = newUserErrors(input, { accountName: input.accountName });
    if (errors.length) throw new UserErrorsException(errors);
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await em.transactional(async (tem) => {
        if (await tem.count(User, { email })) fail(AuthErrorCode.EMAIL_TAKEN, 'An account already uses this email. Sign in instead.', ['input', 'email']);
        const account = tem.create(Account, { name: input.accountName.trim(), liveChatEnabled: false });
        return tem.create(User, { account, name: input.name.trim(), email, passwordHash, role: UserRole.ADMIN, acceptingChats: false });
      });
      return { user, token: this.issueToken(user) };
    } catch (error) {
      // Two sign-ups with one email at the same instant: the unique index decides.
      if (error instanceof UniqueConstraintViolationException) {
        fail(AuthErrorCode.EMAIL_TAKEN, 'An account already uses this email. Sign in instead.', ['input', 'email']);
      }
      throw error;
    }
  }

  async login(em: EntityManager, input: LoginInput): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const throttled = await this.failedLogins.get(email);
    if (throttled && throttled.remainingPoints <= 0) {
      const minutes = Math.ceil(throttled.msBeforeNext / 60_000);
      failRateLimited(AuthErrorCode.TOO_MANY_ATTEMPTS, `Too many failed sign-ins for this email. Try again in ${minutes} minute(s).`, ['input', 'email'], throttled.msBeforeNext);
    }
    const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
    if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
      await this.failedLogins.penalty(email);
      fail(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong email or password.', ['input', 'password']);
    }
    await this.failedLogins.delete(email);
    // Told only to whoever knows the password, so the state of an account is no guessing aid.
    if (!user.active) fail(AuthErrorCode.USER_DEACTIVATED, 'This user has been deactivated. Ask an admin of your account to reactivate you.', ['input', 'email']);
    return { user, token: this.issueToken(user) };
  }

  issueToken(user: User): string {
    return signUserToken({ userId: user.id, accountId: user.account.id }, this.config.JWT_SECRET, this.config.USER_TOKEN_TTL_SECONDS);
  }
}
