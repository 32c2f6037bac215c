import { FlowStepKind, toStoredSteps, type FlowStepInput } from './flow-step.types';
import { publishErrors, stepShapeErrors } from './flow-validation';

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

  it('checks each step’s own fields on every save', () => {
    const steps = toStoredSteps([
      { key: 'a', kind: FlowStepKind.MESSAGE, next: 'b' },
      { key: 'a', kind: FlowStepKind.QUESTION, text: 'Name?' },
      { key: 'c', kind: FlowStepKind.LIVE_CHAT, text: 'not used' },
      { key: 'd', kind: FlowStepKind.END, next: 'a', liveChat },
      { key: 'e', kind: FlowStepKind.QUESTION, text: 'Pick', options: [{ key: 'x', label: 'X', next: 'a' }, { key: 'x', label: 'X again', next: 'a' }] },
    ]);
    expect(stepShapeErrors(steps, ['input', 'steps']).map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'MISSING_FIELD', field: ['input', 'steps', '0', 'text'] },
      { code: 'DUPLICATE_STEP_KEY', field: ['input', 'steps', '1', 'key'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '1', 'field'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '1', 'next'] },
      { code: 'MISSING_FIELD', field: ['input', 'steps', '2', 'liveChat'] },
      { code: 'FIELD_NOT_ALLOWED', field: ['input', 'steps', '2', 'text'] },
      { code: 'FIELD_NOT_ALLOWED', field: ['input', 'steps', '3', 'next'] },
      { code: 'FIELD_NOT_ALLOWED', field: ['input', 'steps', '3', 'liveChat'] },
      { code: 'DUPLICATE_OPTION_KEY', field: ['input', 'steps', '4', 'options', '1', 'key'] },
    ]);
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
