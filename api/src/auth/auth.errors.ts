/** userError codes of sign-up, login and user management. */
export const AuthErrorCode = {
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  INVALID_EMAIL: 'INVALID_EMAIL',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  INVALID_NAME: 'INVALID_NAME',
  /** login with the right password of a deactivated user; also `extensions.reason` of their refused tokens. */
  USER_DEACTIVATED: 'USER_DEACTIVATED',
} as const;
