import { userError, type UserError } from '../errors/user-error';
import { FlowStepKind, type FlowStep } from './flow-step.types';

/** userError codes of flow editing and publishing. */
export const FlowErrorCode = {
  FLOW_NOT_FOUND: 'FLOW_NOT_FOUND',
  INVALID_NAME: 'INVALID_NAME',
  FLOW_EMPTY: 'FLOW_EMPTY',
  DUPLICATE_STEP_KEY: 'DUPLICATE_STEP_KEY',
  DUPLICATE_OPTION_KEY: 'DUPLICATE_OPTION_KEY',
  MISSING_FIELD: 'MISSING_FIELD',
  FIELD_NOT_ALLOWED: 'FIELD_NOT_ALLOWED',
  UNKNOWN_STEP: 'UNKNOWN_STEP',
  UNREACHABLE_STEP: 'UNREACHABLE_STEP',
  NO_REACHABLE_END: 'NO_REACHABLE_END',
  LIVE_CHAT_NOT_ENABLED: 'LIVE_CHAT_NOT_ENABLED',
} as const;

type Path = (string | number)[];

/**
 * Rules each step meets on its own (checked on every save): keys unique, the fields its
 * kind needs present, and no fields its kind ignores, so admins see mistakes at once.
 */
export function stepShapeErrors(steps: FlowStep[], base: Path): UserError[] {
  const errors: UserError[] = [];
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    const at = (...rest: Path) => [...base, index, ...rest];
    if (seen.has(step.key)) errors.push(userError(FlowErrorCode.DUPLICATE_STEP_KEY, `Another step already has the key "${step.key}".`, at('key')));
    seen.add(step.key);
    const missing = (field: string, why: string) => errors.push(userError(FlowErrorCode.MISSING_FIELD, `${step.kind} step "${step.key}" needs ${why}.`, at(field)));
    const notAllowed = (field: string) => errors.push(userError(FlowErrorCode.FIELD_NOT_ALLOWED, `A ${step.kind} step does not use "${field}".`, at(field)));
    const hasOptions = !!step.options?.length;

    switch (step.kind) {
      case FlowStepKind.MESSAGE:
        if (!step.text) missing('text', 'text to say');
        if (!step.next) missing('next', 'the key of the step that follows');
        if (step.options) notAllowed('options');
        if (step.field) notAllowed('field');
        break;
      case FlowStepKind.QUESTION:
        if (!step.text) missing('text', 'the question to ask');
        if (hasOptions) {
          if (step.field) notAllowed('field');
          if (step.next) notAllowed('next');
        } else {
          if (!step.field) missing('field', 'options, or a contact field to store the answer in');
          if (!step.next) missing('next', 'the key of the step that follows the answer');
        }
        break;
      case FlowStepKind.LIVE_CHAT:
        if (!step.liveChat) missing('liveChat', 'liveChat settings');
        else if (!step.liveChat.declineNext) {
          errors.push(userError(FlowErrorCode.MISSING_FIELD, `LIVE_CHAT step "${step.key}" needs declineNext: where the bot goes when the visitor declines.`, at('liveChat', 'declineNext')));
        }
        for (const field of ['text', 'next', 'field', 'options'] as const) if (step[field]) notAllowed(field);
        break;
      case FlowStepKind.END:
        for (const field of ['next', 'field', 'options'] as const) if (step[field]) notAllowed(field);
        break;
    }
    if (step.kind !== FlowStepKind.LIVE_CHAT && step.liveChat) notAllowed('liveChat');
    const optionKeys = new Set<string>();
    step.options?.forEach((option, optionIndex) => {
      if (optionKeys.has(option.key)) {
        errors.push(userError(FlowErrorCode.DUPLICATE_OPTION_KEY, `Step "${step.key}" already has an option "${option.key}".`, at('options', optionIndex, 'key')));
      }
      optionKeys.add(option.key);
    });
  });
  return errors;
}

/** Every transition of a step: where it can lead and the input path that names it. */
function transitions(step: FlowStep, at: (...rest: Path) => Path): { target: string; path: Path }[] {
  const out: { target: string; path: Path }[] = [];
  if (step.next) out.push({ target: step.next, path: at('next') });
  step.options?.forEach((option, index) => out.push({ target: option.next, path: at('options', index, 'next') }));
  if (step.liveChat?.declineNext) out.push({ target: step.liveChat.declineNext, path: at('liveChat', 'declineNext') });
  return out;
}

/**
 * Everything publishing requires: the shape rules, then the graph (every `next` exists,
 * every step is reachable from the first, an END is reachable) and the account's rollout.
 */
export function publishErrors(steps: FlowStep[], base: Path, { liveChatEnabled }: { liveChatEnabled: boolean }): UserError[] {
  if (steps.length === 0) return [userError(FlowErrorCode.FLOW_EMPTY, 'A flow needs at least one step.', base)];
  const errors = stepShapeErrors(steps, base);
  const indexByKey = new Map<string, number>();
  steps.forEach((step, index) => (indexByKey.has(step.key) ? undefined : indexByKey.set(step.key, index)));

  steps.forEach((step, index) => {
    for (const { target, path } of transitions(step, (...rest) => [...base, index, ...rest])) {
      if (!indexByKey.has(target)) errors.push(userError(FlowErrorCode.UNKNOWN_STEP, `No step has the key "${target}".`, path));
    }
    if (step.kind === FlowStepKind.LIVE_CHAT && !liveChatEnabled) {
      errors.push(
        userError(FlowErrorCode.LIVE_CHAT_NOT_ENABLED, 'Live chat is not enabled for this account yet, so a LIVE_CHAT step cannot be published.', [...base, index, 'kind']),
      );
    }
  });

  const reachable = new Set<number>([0]);
  const queue = [0];
  while (queue.length) {
    const step = steps[queue.shift()!];
    for (const { target } of transitions(step, () => [])) {
      const next = indexByKey.get(target);
      if (next !== undefined && !reachable.has(next)) {
        reachable.add(next);
        queue.push(next);
      }
    }
  }
  steps.forEach((step, index) => {
    if (!reachable.has(index)) errors.push(userError(FlowErrorCode.UNREACHABLE_STEP, `Step "${step.key}" cannot be reached from the first step.`, [...base, index]));
  });
  if (![...reachable].some((index) => steps[index].kind === FlowStepKind.END)) {
    errors.push(userError(FlowErrorCode.NO_REACHABLE_END, 'No END step can be reached from the first step.', base));
  }
  return errors;
}
