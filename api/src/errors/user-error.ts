import { Field, Int, ObjectType } from 'type-graphql';

/** An expected failure, returned as data in a mutation payload. */
@ObjectType('UserError', { description: 'An expected failure of a mutation: bad input, a rule not met, a lost race.' })
export class UserError {
  @Field(() => String, { description: 'Stable, machine-readable code such as `EMAIL_TAKEN` or `ALREADY_ACCEPTED`.' })
  code!: string;

  @Field(() => String, { description: 'Human-readable explanation, safe to show to the user.' })
  message!: string;

  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. `["input", "steps", "2", "next"]`.' })
  field?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'On a rate limit (the `TOO_MANY_*` codes): seconds until the same request may succeed. Null otherwise.' })
  retryAfterSeconds?: number | null;
}

/**
 * Thrown by services for expected failures; `withUserErrors` turns it into `userErrors`.
 * Throwing (rather than returning) also rolls back the surrounding transaction.
 */
export class UserErrorsException extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((error) => `${error.code}: ${error.message}`).join('; '));
    this.name = 'UserErrorsException';
  }
}

export function userError(code: string, message: string, field?: (string | number)[]): UserError {
  return { code, message, field: field?.map(String) ?? null };
}

/** Stops the current operation with a rate limit's user error: `retryAfterMs` from now it may succeed. */
export function failRateLimited(code: string, message: string, field: (string | number)[], retryAfterMs: number): never {
  throw new UserErrorsException([{ ...userError(code, message, field), retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }]);
}

/** Stops the current operation with one user error. */
export function fail(code: string, message: string, field?: (string | number)[]): never {
  throw new UserErrorsException([userError(code, message, field)]);
}

/** Base of every mutation payload. */
// Not reachable from any resolver, so it never appears in the schema itself.
@ObjectType()
export abstract class MutationPayload {
  @Field(() => [UserError], { description: 'Expected failures; empty when the mutation succeeded.' })
  userErrors: UserError[] = [];
}

/** Runs a mutation's service call and answers its payload, with `userErrors` filled on failure. */
export async function withUserErrors<T extends object>(run: () => Promise<T>): Promise<Partial<T> & { userErrors: UserError[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsException) return { userErrors: error.errors } as Partial<T> & { userErrors: UserError[] };
    throw error;
  }
}
