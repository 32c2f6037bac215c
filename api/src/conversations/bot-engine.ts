import { ActivityEventType } from '../activity/activity-event.entity';
import { FlowStepKind, LIVE_CHAT_DEFAULTS, OfflineMode, type FlowStep } from '../flows/flow-step.types';
import { isValidEmail, normalizeEmail } from '../users/user.rules';
import { BotPhase } from './conversation.entity';

/** Where the bot is: the step, and what it waits for there (null: nothing). */
export interface BotState {
  stepKey: string | null;
  phase: BotPhase | null;
}

export interface BotMessageOut {
  body: string;
  options?: { key: string; label: string }[];
}

/** `afterChat`: a user ended the live chat and its step names `afterChatNext`, where the bot resumes. */
export type BotInput = { kind: 'start' } | { kind: 'reply'; body?: string | null; optionKey?: string | null } | { kind: 'afterChat'; stepKey: string };

/** What one turn of the bot produced; the conversation service stores it in one transaction. */
export interface BotTurn {
  /** The visitor's reply as the transcript shows it (the option's label for a pick). */
  visitorMessage?: string;
  botMessages: BotMessageOut[];
  contact: { name?: string; email?: string; fields?: Record<string, string> };
  activities: { type: ActivityEventType; data: Record<string, unknown> }[];
  state: BotState;
  /**
   * `inbox`: the visitor asked for a human and gave what was asked; `completed`: an END was
   * reached; `messageLeft`: nobody was available and the visitor left `offlineMessage`.
   */
  outcome: 'waiting' | 'inbox' | 'completed' | 'messageLeft';
  /** The LIVE_CHAT step that sent the chat to the inbox. */
  liveChatStep?: FlowStep;
  /** What the visitor left for the team (outcome `messageLeft`). */
  offlineMessage?: string;
}

export class InvalidReplyError extends Error {
  constructor(
    readonly code: 'INVALID_OPTION' | 'EMPTY_MESSAGE' | 'NOT_EXPECTING_REPLY',
    message: string,
  ) {
    super(message);
  }
}

export const BOT_TEXT = {
  pickAnOption: 'Please pick one of the options.',
  invalidEmail: 'That doesn’t look like an email address. Could you check it and send it again?',
} as const;

// A flow whose MESSAGE steps loop without ever waiting would never stop; cut it off.
const MAX_STEPS_PER_TURN = 100;

export interface BotContext {
  steps: FlowStep[];
  liveChatEnabled: boolean;
  /** Whether anyone in the account is accepting chats (for `skipWhenNobodyAvailable` and `offlineMode`). */
  agentsAvailable: boolean;
  /** Whether it is within the account's business hours (for `offlineMode`); true without any. */
  withinBusinessHours: boolean;
  /** What the contact already gave, so the bot does not ask twice. */
  known: { name?: string | null; email?: string | null };
  /** The conversation has had its live chat (it was accepted): LIVE_CHAT steps are passed over as declined. */
  liveChatHeld?: boolean;
}

/**
 * Runs the bot for one turn: the start of a conversation, or one visitor reply. Pure: it
 * reads the flow version and the current state and returns what to store and say.
 */
export function runBotTurn(context: BotContext, state: BotState, input: BotInput): BotTurn {
  const turn: BotTurn = { botMessages: [], contact: {}, activities: [], state, outcome: 'waiting' };
  const byKey = new Map(context.steps.map((step) => [step.key, step]));
  const known = { ...context.known };

  const enter = (stepKey: string | null | undefined): void => {
    for (let taken = 0; stepKey && taken < MAX_STEPS_PER_TURN; taken++) {
      const step = byKey.get(stepKey);
      if (!step) break;
      switch (step.kind) {
        case FlowStepKind.MESSAGE:
          if (step.text) turn.botMessages.push({ body: step.text });
          stepKey = step.next;
          continue;
        case FlowStepKind.QUESTION:
          turn.botMessages.push({ body: step.text ?? '', options: step.options?.map(({ key, label }) => ({ key, label })) });
          turn.state = { stepKey: step.key, phase: BotPhase.ANSWER };
          return;
        case FlowStepKind.LIVE_CHAT: {
          // Without live chat (rolled back since publishing), or after the chat it had, the offer is skipped as if declined.
          if (!context.liveChatEnabled || !step.liveChat || context.liveChatHeld) {
            stepKey = step.liveChat?.declineNext;
            continue;
          }
          if (leavesMessage(step)) {
            turn.botMessages.push({ body: step.liveChat.unavailableMessage ?? LIVE_CHAT_DEFAULTS.offlineUnavailableMessage });
            collectMessage(step);
            return;
          }
          // Flows published before this setting existed have no such field: offer as before.
          if (step.liveChat.skipWhenNobodyAvailable && !context.agentsAvailable) {
            if (step.liveChat.unavailableMessage) turn.botMessages.push({ body: step.liveChat.unavailableMessage });
            stepKey = step.liveChat.declineNext;
            continue;
          }
          const { offerMessage, acceptLabel, declineLabel } = step.liveChat;
          turn.botMessages.push({ body: offerMessage, options: [{ key: 'accept', label: acceptLabel }, { key: 'decline', label: declineLabel }] });
          turn.state = { stepKey: step.key, phase: BotPhase.OFFER };
          return;
        }
        case FlowStepKind.END:
          if (step.text) turn.botMessages.push({ body: step.text });
          turn.state = { stepKey: step.key, phase: null };
          turn.outcome = 'completed';
          return;
      }
    }
    turn.state = { stepKey: stepKey ?? state.stepKey, phase: null };
    turn.outcome = 'completed';
  };

  /** LEAVE_MESSAGE and nobody to chat with now: outside business hours, or nobody accepting. */
  const leavesMessage = (step: FlowStep): boolean =>
    step.liveChat?.offlineMode === OfflineMode.LEAVE_MESSAGE && !(context.agentsAvailable && context.withinBusinessHours);

  /**
   * Taking a message instead of a chat: name and email first if they are not known (the step's
   * prompts, whether or not it collects them before a chat), then the message itself. Once on
   * this path the bot stays on it, whoever comes online meanwhile: the visitor was told so.
   */
  const collectMessage = (step: FlowStep): void => {
    const settings = step.liveChat!;
    if (!known.name) {
      turn.botMessages.push({ body: settings.collectContactDetails.namePrompt });
      turn.state = { stepKey: step.key, phase: BotPhase.OFFLINE_NAME };
    } else if (!known.email) {
      turn.botMessages.push({ body: settings.collectContactDetails.emailPrompt });
      turn.state = { stepKey: step.key, phase: BotPhase.OFFLINE_EMAIL };
    } else {
      turn.botMessages.push({ body: settings.leaveMessagePrompt ?? LIVE_CHAT_DEFAULTS.leaveMessagePrompt });
      turn.state = { stepKey: step.key, phase: BotPhase.OFFLINE_MESSAGE };
    }
  };

  /**
   * After the visitor accepted: ask what is still missing, then hand the chat to the inbox.
   * The hand-off message ("While I find someone…") comes only with the hand-off itself: not
   * while name and email are still asked, nor when live chat turned out to be unavailable.
   */
  const collectOrQueue = (step: FlowStep): void => {
    const settings = step.liveChat!;
    const details = settings.collectContactDetails;
    if (details.enabled && !known.name) {
      turn.botMessages.push({ body: details.namePrompt });
      turn.state = { stepKey: step.key, phase: BotPhase.NAME };
    } else if (details.enabled && !known.email) {
      turn.botMessages.push({ body: details.emailPrompt });
      turn.state = { stepKey: step.key, phase: BotPhase.EMAIL };
    } else if (context.liveChatEnabled && leavesMessage(step)) {
      // Everyone stopped accepting (or the hours ended) since the offer: take a message instead.
      turn.botMessages.push({ body: settings.unavailableMessage ?? LIVE_CHAT_DEFAULTS.offlineUnavailableMessage });
      collectMessage(step);
    } else if (!context.liveChatEnabled || (settings.skipWhenNobodyAvailable && !context.agentsAvailable)) {
      // Live chat was turned off, or everyone stopped accepting, since the offer: as if declined.
      if (context.liveChatEnabled && settings.unavailableMessage) turn.botMessages.push({ body: settings.unavailableMessage });
      enter(settings.declineNext);
    } else {
      turn.botMessages.push({ body: settings.handoffMessage });
      turn.state = { stepKey: step.key, phase: null };
      turn.outcome = 'inbox';
      turn.liveChatStep = step;
      turn.activities.push({ type: ActivityEventType.LIVE_CHAT_REQUESTED, data: { stepKey: step.key, timeoutSeconds: step.liveChat!.timeoutSeconds } });
    }
  };

  if (input.kind === 'start') {
    enter(context.steps[0]?.key);
    return turn;
  }
  if (input.kind === 'afterChat') {
    enter(input.stepKey);
    return turn;
  }

  const step = state.stepKey ? byKey.get(state.stepKey) : undefined;
  if (!step || !state.phase) throw new InvalidReplyError('NOT_EXPECTING_REPLY', 'The bot is not waiting for a reply.');
  const body = input.body?.trim() ?? '';

  if (state.phase === BotPhase.ANSWER || state.phase === BotPhase.OFFER) {
    const options = state.phase === BotPhase.OFFER ? offerOptions(step) : (step.options ?? []);
    if (options.length) {
      const picked = pickOption(options, input);
      if (!picked) {
        turn.visitorMessage = body;
        turn.botMessages.push({ body: BOT_TEXT.pickAnOption, options: options.map(({ key, label }) => ({ key, label })) });
        return turn;
      }
      turn.visitorMessage = picked.label;
      if (state.phase === BotPhase.OFFER) {
        if (picked.key === 'decline') return enter(step.liveChat!.declineNext), turn;
        collectOrQueue(step);
        return turn;
      }
      turn.contact.fields = { [step.field ?? step.key]: picked.label };
      turn.activities.push({ type: ActivityEventType.CONTACT_QUALIFIED, data: { stepKey: step.key, question: step.text, optionKey: picked.key, answer: picked.label } });
      enter(picked.next);
      return turn;
    }
    if (!body) throw new InvalidReplyError('EMPTY_MESSAGE', 'Type an answer first.');
    turn.visitorMessage = body;
    const field = step.field ?? step.key;
    if (field === 'email' && !isValidEmail(normalizeEmail(body))) {
      turn.botMessages.push({ body: BOT_TEXT.invalidEmail });
      return turn;
    }
    storeAnswer(turn, field, body, step);
    enter(step.next);
    return turn;
  }

  if (!body) throw new InvalidReplyError('EMPTY_MESSAGE', 'Type an answer first.');
  turn.visitorMessage = body;
  if (state.phase === BotPhase.OFFLINE_MESSAGE) {
    const settings = step.liveChat!;
    turn.offlineMessage = body;
    turn.activities.push({ type: ActivityEventType.OFFLINE_MESSAGE_LEFT, data: { stepKey: step.key, message: body, name: known.name ?? null, email: known.email ?? null } });
    turn.botMessages.push({ body: settings.leaveMessageThanks ?? LIVE_CHAT_DEFAULTS.leaveMessageThanks });
    turn.state = { stepKey: step.key, phase: null };
    turn.outcome = 'messageLeft';
    return turn;
  }

  // NAME or EMAIL: asked after the visitor accepted and before the hand-off, or before a message.
  const offline = state.phase === BotPhase.OFFLINE_NAME || state.phase === BotPhase.OFFLINE_EMAIL;
  const field = state.phase === BotPhase.NAME || state.phase === BotPhase.OFFLINE_NAME ? 'name' : 'email';
  if (field === 'email' && !isValidEmail(normalizeEmail(body))) {
    turn.botMessages.push({ body: BOT_TEXT.invalidEmail });
    return turn;
  }
  storeAnswer(turn, field, body, step);
  known[field] = field === 'email' ? normalizeEmail(body) : body;
  if (offline) collectMessage(step);
  else collectOrQueue(step);
  return turn;
}

function storeAnswer(turn: BotTurn, field: string, body: string, step: FlowStep): void {
  if (field === 'name' || field === 'email') {
    const value = field === 'email' ? normalizeEmail(body) : body.slice(0, 200);
    turn.contact[field] = value;
    turn.activities.push({ type: ActivityEventType.CONTACT_DETAILS_CAPTURED, data: { stepKey: step.key, field, value } });
  } else {
    turn.contact.fields = { [field]: body };
    turn.activities.push({ type: ActivityEventType.CONTACT_QUALIFIED, data: { stepKey: step.key, question: step.text, field, answer: body } });
  }
}

function offerOptions(step: FlowStep) {
  const settings = step.liveChat!;
  return [
    { key: 'accept', label: settings.acceptLabel, next: '' },
    { key: 'decline', label: settings.declineLabel, next: '' },
  ];
}

/** The option picked by key, or by typing its label (widgets without buttons). */
function pickOption<T extends { key: string; label: string }>(options: T[], input: { body?: string | null; optionKey?: string | null }): T | undefined {
  if (input.optionKey) {
    const picked = options.find((option) => option.key === input.optionKey);
    if (!picked) throw new InvalidReplyError('INVALID_OPTION', `"${input.optionKey}" is not one of the options: ${options.map((o) => o.key).join(', ')}.`);
    return picked;
  }
  const typed = input.body?.trim().toLowerCase();
  return typed ? options.find((option) => option.label.toLowerCase() === typed || option.key.toLowerCase() === typed) : undefined;
}
