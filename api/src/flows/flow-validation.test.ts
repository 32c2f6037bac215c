import { FlowStepKind, toStoredSteps, type FlowStepInput } from './flow-step.types';
import { draftErrors, publishErrors } from './flow-validation';

const liveChat = {
  offerMessage: 'Talk to a human?',
  declineNext: 'bye',
  handoffMessage: 'Connecting you…',
  timeoutSeconds: 60,
  timeoutMessage: 'Nobody is free.',
};

function errorsOf(steps: FlowStepInput[], liveChatEnabled = true) {
  return publishErrors(toStoredSteps(steps), ['steps'], { liveChatEnabled }).map(({ code, field }) => ({ code, field }));
}

describe('flow validation', () => {
  const valid: FlowStepInput[] = [
    { key: 'hi', kind: FlowStepKind.MESSAGE, text: 'Hi', next: 'ask' },
    { key: 'ask', kind: FlowStepKind.QUESTION, text: 'Sales?', options: [{ key: 'yes', label: 'Yes', next: 'live' }, { key: 'no', label: 'No', next: 'bye' }] },
    { key: 'live', kind: FlowStepKind.LIVE_CHAT, liveChat },
    { key: 'bye', kind: FlowStepKind.END, text: 'Bye' },
  ];

  it('accepts a complete flow', () => {
    expect(errorsOf(valid)).toEqual([]);
  });

  it('points at each `next` that names no step', () => {
    const steps = structuredClone(valid);
    steps[0].next = 'nowhere';
    steps[1].options![1].next = 'gone';
    steps[2].liveChat = { ...liveChat, declineNext: 'missing' };
    expect(errorsOf(steps)).toEqual(
      expect.arrayContaining([
        { code: 'UNKNOWN_STEP', field: ['steps', '0', 'next'] },
        { code: 'UNKNOWN_STEP', field: ['steps', '1', 'options', '1', 'next'] },
        { code: 'UNKNOWN_STEP', field: ['steps', '2', 'liveChat', 'declineNext'] },
      ]),
    );
  });

  it('reports steps that cannot be reached from the first', () => {
    const steps = [...valid, { key: 'orphan', kind: FlowStepKind.END, text: 'Never seen' }];
    expect(errorsOf(steps)).toEqual([{ code: 'UNREACHABLE_STEP', field: ['steps', '4'] }]);
  });

  it('requires an END reachable from the first step', () => {
    const steps: FlowStepInput[] = [
      { key: 'a', kind: FlowStepKind.MESSAGE, text: 'A', next: 'b' },
      { key: 'b', kind: FlowStepKind.MESSAGE, text: 'B', next: 'a' },
    ];
    expect(errorsOf(steps)).toEqual([{ code: 'NO_REACHABLE_END', field: ['steps'] }]);
  });

  it('refuses an empty flow at publish', () => {
    expect(errorsOf([])).toEqual([{ code: 'FLOW_EMPTY', field: ['steps'] }]);
  });

  it('refuses LIVE_CHAT where the account has no live chat', () => {
    expect(errorsOf(valid, false)).toEqual([{ code: 'LIVE_CHAT_NOT_ENABLED', field: ['steps', '2', 'kind'] }]);
  });

  it('checks each step’s own fields and its references on every save', () => {
    const steps = toStoredSteps([
      { key: 'a', kind: FlowStepKind.MESSAGE, next: 'b' },
      { key: 'a', kind: FlowStepKind.QUESTION, text: 'Name?' },
      { key: 'c', kind: FlowStepKind.LIVE_CHAT, text: 'not used' },
      { key: 'd', kind: FlowStepKind.END, next: 'a', liveChat },
      { key: 'e', kind: FlowStepKind.QUESTION, text: 'Pick', options: [{ key: 'x', label: 'X', next: 'a' }, { key: 'x', label: 'X again', next: 'a' }] },
    ]);
    expect(draftErrors(steps, ['input', 'steps']).map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'MISSING_FIELD', field: ['input', 'steps', '0', 'text'] },
      { code: 'DUPLICATE_STEP_KEY', field: ['input', 'steps', '1', 'key'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '1', 'field'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '1', 'next'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '2', 'liveChat'] },
      { code: 'FIELD_NOT_ALLOWED', field: ['input', 'steps', '2', 'text'] },
      { code: 'FIELD_NOT_ALLOWED', field: ['input', 'steps', '3', 'next'] },
      { code: 'FIELD_NOT_ALLOWED', field: ['input', 'steps', '3', 'liveChat'] },
      { code: 'DUPLICATE_OPTION_KEY', field: ['input', 'steps', '4', 'options', '1', 'key'] },
      { code: 'UNKNOWN_STEP', field: ['input', 'steps', '0', 'next'] },
    ]);
  });

  it('lets a draft be incomplete, but not wrong: unreachable steps and no END wait for publishing', () => {
    const steps = toStoredSteps([
      { key: 'a', kind: FlowStepKind.MESSAGE, text: 'A', next: 'b' },
      { key: 'b', kind: FlowStepKind.MESSAGE, text: 'B', next: 'a' },
      { key: 'parked', kind: FlowStepKind.MESSAGE, text: 'Later', next: 'a' },
    ]);
    expect(draftErrors(steps, ['input', 'steps'])).toEqual([]);
    expect(draftErrors([], ['input', 'steps'])).toEqual([]);
    expect(publishErrors(steps, ['steps'], { liveChatEnabled: true }).map(({ code }) => code)).toEqual(['UNREACHABLE_STEP', 'NO_REACHABLE_END']);
  });

  it('checks values and ranges: blank texts, key and field formats, timeoutSeconds', () => {
    const steps = toStoredSteps([
      { key: 'hello there', kind: FlowStepKind.MESSAGE, text: '   ', next: 'ask' },
      { key: 'ask', kind: FlowStepKind.QUESTION, text: 'Company?', field: '1st-company', next: 'pick' },
      { key: 'pick', kind: FlowStepKind.QUESTION, text: 'Pick', options: [{ key: 'a b', label: '', next: 'live' }, { key: 'ok', label: 'OK', next: '' }] },
      {
        key: 'live',
        kind: FlowStepKind.LIVE_CHAT,
        liveChat: { ...liveChat, offerMessage: '', acceptLabel: ' ', timeoutSeconds: 0, collectContactDetails: { enabled: true, namePrompt: '' } },
      },
      { key: 'bye', kind: FlowStepKind.END, text: '' },
    ]);
    const errors = draftErrors(steps, ['input', 'steps']);
    expect(errors.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'INVALID_KEY', field: ['input', 'steps', '0', 'key'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '0', 'text'] },
      { code: 'INVALID_FIELD_NAME', field: ['input', 'steps', '1', 'field'] },
      { code: 'INVALID_KEY', field: ['input', 'steps', '2', 'options', '0', 'key'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '2', 'options', '0', 'label'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '2', 'options', '1', 'next'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '3', 'liveChat', 'offerMessage'] },
      { code: 'EMPTY_VALUE', field: ['input', 'steps', '3', 'liveChat', 'acceptLabel'] },
      { code: 'EMPTY_VALUE', field: ['input', 'steps', '3', 'liveChat', 'collectContactDetails', 'namePrompt'] },
      { code: 'OUT_OF_RANGE', field: ['input', 'steps', '3', 'liveChat', 'timeoutSeconds'] },
      { code: 'EMPTY_VALUE', field: ['input', 'steps', '4', 'text'] },
    ]);
    expect(errors.find((error) => error.code === 'OUT_OF_RANGE')!.message).toBe('timeoutSeconds must be from 1 to 86400 (a day), not 0.');
    for (const timeoutSeconds of [1, 86_400]) expect(draftErrors(toStoredSteps([{ key: 'l', kind: FlowStepKind.LIVE_CHAT, liveChat: { ...liveChat, timeoutSeconds } }]), [])).toEqual([expect.objectContaining({ code: 'UNKNOWN_STEP' })]);
    expect(draftErrors(toStoredSteps([{ key: 'l', kind: FlowStepKind.LIVE_CHAT, liveChat: { ...liveChat, timeoutSeconds: 86_401 } }]), []).map(({ code }) => code)).toEqual(['OUT_OF_RANGE', 'UNKNOWN_STEP']);
  });

  it('fills in the defaults of live-chat settings', () => {
    const [stored] = toStoredSteps([{ key: 'live', kind: FlowStepKind.LIVE_CHAT, liveChat: { ...liveChat, collectContactDetails: { enabled: true } } }]);
    expect(stored.liveChat).toMatchObject({
      acceptLabel: 'Yes, connect me',
      declineLabel: 'No, thanks',
      collectContactDetails: { enabled: true, namePrompt: 'What is your name?', emailPrompt: 'What is your email address?' },
    });
  });
});
