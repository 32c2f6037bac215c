import { isEmail } from 'class-validator';
import { AuthErrorCode } from '../auth/auth.errors';
import { PASSWORD_MIN_LENGTH } from '../auth/password';
import { userError, type UserError } from '../errors/user-error';

/** Emails are compared and stored lower-case and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return isEmail(email, { require_tld: true, allow_display_name: false, allow_ip_domain: false });
}

/** The rules every new user meets, reported against `input.<field>`. */
export function newUserErrors(input: { name: string; email: string; password: string }, extra: { accountName?: string } = {}): UserError[] {
  const errors: UserError[] = [];
  if ('accountName' in extra && !extra.accountName?.trim()) {
    errors.push(userError(AuthErrorCode.INVALID_NAME, 'Enter the name of the business.', ['input', 'accountName']));
  }
  if (!input.name.trim()) errors.push(userError(AuthErrorCode.INVALID_NAME, 'Enter a name.', ['input', 'name']));
  if (!isValidEmail(normalizeEmail(input.email))) {
    errors.push(userError(AuthErrorCode.INVALID_EMAIL, 'Enter a valid email address.', ['input', 'email']));
  }
  if (input.password.length < PASSWORD_MIN_LENGTH) {
    errors.push(userError(AuthErrorCode.WEAK_PASSWORD, `Use at least ${PASSWORD_MIN_LENGTH} characters.`, ['input', 'password']));
  }
  return errors;
}
