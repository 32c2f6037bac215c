/** A form's refusals (userErrors, or a failed request), one paragraph each; nothing when there are none. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="form-error" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

interface Refusal {
  message: string;
  field?: readonly string[] | null;
}

/**
 * A form's mutation, the one way the admin forms submit: clears the form's refusals, runs the
 * mutation, then shows its userErrors (each through `describe`; its message by default) or the
 * failed request's message, or else calls `onDone` with the payload.
 */
export async function submitForm<R extends Refusal, P extends { userErrors: readonly R[] }>(
  setErrors: (messages: string[]) => void,
  run: () => Promise<P | null | undefined>,
  onDone: (payload: P | null | undefined) => void,
  describe: (refusal: R) => string = (refusal) => refusal.message,
): Promise<void> {
  setErrors([]);
  try {
    const payload = await run();
    if (payload?.userErrors.length) return setErrors(payload.userErrors.map(describe));
    onDone(payload);
  } catch (failure) {
    setErrors([(failure as Error).message]);
  }
}
