import { userError, type UserError } from '../errors/user-error';
import { FlowStepKind, TIMEOUT_SECONDS_RANGE, type FlowStep } from './flow-step.types';

/** userError codes of flow editing and publishing. */
export const FlowErrorCode = {
  FLOW_NOT_FOUND: 'FLOW_NOT_FOUND',
  INVALID_NAME: 'INVALID_NAME',
  FLOW_EMPTY: 'FLOW_EMPTY',
  DUPLICATE_STEP_KEY: 'DUPLICATE_STEP_KEY',
  DUPLICATE_OPTION_KEY: 'DUPLICATE_OPTION_KEY',
  MISSING_FIELD: 'MISSING_FIELD',
  FIELD_NOT_ALLOWED: 'FIELD_NOT_ALLOWED',
  EMPTY_VALUE: 'EMPTY_VALUE',
  INVALID_KEY: 'INVALID_KEY',
  INVALID_FIELD_NAME: 'INVALID_FIELD_NAME',
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  UNKNOWN_STEP: 'UNKNOWN_STEP',
  UNREACHABLE_STEP: 'UNREACHABLE_STEP',
  NO_REACHABLE_END: 'NO_REACHABLE_END',
  LIVE_CHAT_NOT_ENABLED: 'LIVE_CHAT_NOT_ENABLED',
} as const;

type Path = (string | number)[];

const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Absent, or only whitespace: text the visitor would see as nothing. */
const blank = (value: string | null | undefined) => !value?.trim();

/**
 * What every save checks (createFlow, updateFlow) and publishing checks first: each step on
 * its own, and that every `next` names a step. A draft may still be incomplete (steps not yet
 * linked, no END yet); publishing adds those rules (`publishErrors`).
 */
export function draftErrors(steps: FlowStep[], base: Path): UserError[] {
  const keys = new Set(steps.map((step) => step.key));
  const errors = stepErrors(steps, base);
  steps.forEach((step, index) => {
    for (const { target, path } of transitions(step, (...rest) => [...base, index, ...rest])) {
      if (!keys.has(target)) errors.push(userError(FlowErrorCode.UNKNOWN_STEP, `No step has the key "${target}".`, path));
    }
  });
  return errors;
}

/**
 * Rules each step meets on its own: keys unique and well-formed, the fields its kind needs
 * present and not blank, no fields its kind ignores, and settings within range.
 */
function stepErrors(steps: FlowStep[], base: Path): UserError[] {
  const errors: UserError[] = [];
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    const at = (...rest: Path) => [...base, index, ...rest];
    if (!KEY_PATTERN.test(step.key)) errors.push(userError(FlowErrorCode.INVALID_KEY, `A step key needs letters, digits, "_" and "-" only, not "${step.key}".`, at('key')));
    else if (seen.has(step.key)) errors.push(userError(FlowErrorCode.DUPLICATE_STEP_KEY, `Another step already has the key "${step.key}".`, at('key')));
    seen.add(step.key);
    const missing = (field: string, why: string) => errors.push(userError(FlowErrorCode.MISSING_FIELD, `${step.kind} step "${step.key}" needs ${why}.`, at(field)));
    const notAllowed = (field: string) => errors.push(userError(FlowErrorCode.FIELD_NOT_ALLOWED, `A ${step.kind} step does not use "${field}".`, at(field)));
    const hasOptions = !!step.options?.length;

    switch (step.kind) {
      case FlowStepKind.MESSAGE:
        if (blank(step.text)) missing('text', 'text to say');
        if (!step.next) missing('next', 'the key of the step that follows');
        if (step.options) notAllowed('options');
        if (step.field) notAllowed('field');
        break;
      case FlowStepKind.QUESTION:
        if (blank(step.text)) missing('text', 'the question to ask');
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
        else errors.push(...liveChatErrors(step, at));
        for (const field of ['text', 'next', 'field', 'options'] as const) if (step[field]) notAllowed(field);
        break;
      case FlowStepKind.END:
        if (step.text != null && blank(step.text)) errors.push(emptyValue('text', at('text')));
        for (const field of ['next', 'field', 'options'] as const) if (step[field]) notAllowed(field);
        break;
    }
    if (step.kind !== FlowStepKind.LIVE_CHAT && step.liveChat) notAllowed('liveChat');
    if (step.field && !FIELD_NAME_PATTERN.test(step.field)) {
      errors.push(userError(FlowErrorCode.INVALID_FIELD_NAME, `A contact field name starts with a letter and has letters, digits and "_" only, not "${step.field}".`, at('field')));
    }
    const optionKeys = new Set<string>();
    step.options?.forEach((option, optionIndex) => {
      if (!KEY_PATTERN.test(option.key)) {
        errors.push(userError(FlowErrorCode.INVALID_KEY, `An option key needs letters, digits, "_" and "-" only, not "${option.key}".`, at('options', optionIndex, 'key')));
      } else if (optionKeys.has(option.key)) {
        errors.push(userError(FlowErrorCode.DUPLICATE_OPTION_KEY, `Step "${step.key}" already has an option "${option.key}".`, at('options', optionIndex, 'key')));
      }
      optionKeys.add(option.key);
      if (blank(option.label)) errors.push(userError(FlowErrorCode.MISSING_FIELD, `Option "${option.key}" of step "${step.key}" needs a label.`, at('options', optionIndex, 'label')));
      if (!option.next) errors.push(userError(FlowErrorCode.MISSING_FIELD, `Option "${option.key}" of step "${step.key}" needs the key of the step that follows.`, at('options', optionIndex, 'next')));
    });
  });
  return errors;
}

function emptyValue(field: string, path: Path): UserError {
  return userError(FlowErrorCode.EMPTY_VALUE, `"${field}" is empty: give it text, or leave it out.`, path);
}

/** The settings of a LIVE_CHAT step: the texts the visitor sees, where a decline goes, the timeout. */
function liveChatErrors(step: FlowStep, at: (...rest: Path) => Path): UserError[] {
  const settings = step.liveChat!;
  const errors: UserError[] = [];
  for (const field of ['offerMessage', 'handoffMessage', 'timeoutMessage'] as const) {
    if (blank(settings[field])) errors.push(userError(FlowErrorCode.MISSING_FIELD, `LIVE_CHAT step "${step.key}" needs ${field}: text the visitor sees.`, at('liveChat', field)));
  }
  if (!settings.declineNext) {
    errors.push(userError(FlowErrorCode.MISSING_FIELD, `LIVE_CHAT step "${step.key}" needs declineNext: where the bot goes when the visitor declines.`, at('liveChat', 'declineNext')));
  }
  for (const field of ['acceptLabel', 'declineLabel', 'unavailableMessage', 'leaveMessagePrompt', 'leaveMessageThanks'] as const) {
    if (settings[field] != null && blank(settings[field])) errors.push(emptyValue(field, at('liveChat', field)));
  }
  for (const field of ['namePrompt', 'emailPrompt'] as const) {
    if (settings.collectContactDetails && blank(settings.collectContactDetails[field])) errors.push(emptyValue(field, at('liveChat', 'collectContactDetails', field)));
  }
  const { min, max } = TIMEOUT_SECONDS_RANGE;
  if (!Number.isInteger(settings.timeoutSeconds) || settings.timeoutSeconds < min || settings.timeoutSeconds > max) {
    errors.push(userError(FlowErrorCode.OUT_OF_RANGE, `timeoutSeconds must be from ${min} to ${max} (a day), not ${settings.timeoutSeconds}.`, at('liveChat', 'timeoutSeconds')));
  }
  return errors;
}

/**
 * Every transition of a step: where it can lead and the input path that names it. Only the
 * fields its kind uses count (the others are FIELD_NOT_ALLOWED already).
 */
function transitions(step: FlowStep, at: (...rest: Path) => Path): { target: string; path: Path }[] {
  const out: { target: string; path: Path }[] = [];
  if (step.next && (step.kind === FlowStepKind.MESSAGE || step.kind === FlowStepKind.QUESTION)) out.push({ target: step.next, path: at('next') });
  if (step.kind === FlowStepKind.QUESTION) step.options?.forEach((option, index) => option.next && out.push({ target: option.next, path: at('options', index, 'next') }));
  if (step.kind === FlowStepKind.LIVE_CHAT && step.liveChat?.declineNext) out.push({ target: step.liveChat.declineNext, path: at('liveChat', 'declineNext') });
  if (step.kind === FlowStepKind.LIVE_CHAT && step.liveChat?.afterChatNext) out.push({ target: step.liveChat.afterChatNext, path: at('liveChat', 'afterChatNext') });
  return out;
}

/**
 * Everything publishing requires: what every save checks (`draftErrors`, run again since a
 * draft saved by an older release may not meet it), then a complete graph (at least one
 * step, every step reachable from the first, an END reachable) and the account's rollout.
 */
export function publishErrors(steps: FlowStep[], base: Path, { liveChatEnabled }: { liveChatEnabled: boolean }): UserError[] {
  if (steps.length === 0) return [userError(FlowErrorCode.FLOW_EMPTY, 'A flow needs at least one step.', base)];
  const errors = draftErrors(steps, base);
  const indexByKey = new Map<string, number>();
  steps.forEach((step, index) => (indexByKey.has(step.key) ? undefined : indexByKey.set(step.key, index)));

  steps.forEach((step, index) => {
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
