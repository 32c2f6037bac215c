import { ActivityEventType } from '../activity/activity-event.entity';
import { OfflineMode, toStoredSteps } from '../flows/flow-step.types';
import { DEMO_FLOW_STEPS } from '../seed/demo-seed';
import { BOT_TEXT, InvalidReplyError, runBotTurn, type BotContext, type BotState } from './bot-engine';
import { BotPhase } from './conversation.entity';

const steps = toStoredSteps(DEMO_FLOW_STEPS);
const context = (overrides: Partial<BotContext> = {}): BotContext => ({ steps, liveChatEnabled: true, agentsAvailable: true, withinBusinessHours: true, known: {}, ...overrides });
const at = (stepKey: string, phase: BotPhase | null): BotState => ({ stepKey, phase });

describe('the bot engine', () => {
  it('says the opening messages and stops at the first question with its options', () => {
    const turn = runBotTurn(context(), { stepKey: null, phase: null }, { kind: 'start' });
    expect(turn.botMessages).toEqual([
      { body: 'Hi! I’m the Acme assistant.' },
      { body: 'What brings you here today?', options: [{ key: 'pricing', label: 'Pricing for my team' }, { key: 'support', label: 'I need support' }, { key: 'browsing', label: 'Just looking' }] },
    ]);
    expect(turn.state).toEqual(at('need', BotPhase.ANSWER));
    expect(turn.outcome).toBe('waiting');
  });

  it('branches on the option picked and records the answer on the contact', () => {
    const turn = runBotTurn(context(), at('need', BotPhase.ANSWER), { kind: 'reply', optionKey: 'pricing' });
    expect(turn.visitorMessage).toBe('Pricing for my team');
    expect(turn.contact.fields).toEqual({ need: 'Pricing for my team' });
    expect(turn.activities).toEqual([{ type: ActivityEventType.CONTACT_QUALIFIED, data: expect.objectContaining({ stepKey: 'need', optionKey: 'pricing' }) }]);
    expect(turn.state).toEqual(at('team_size', BotPhase.ANSWER));
  });

  it('accepts an option typed as its label, and re-asks when the text matches none', () => {
    expect(runBotTurn(context(), at('need', BotPhase.ANSWER), { kind: 'reply', body: 'just LOOKING' }).outcome).toBe('completed');
    const unclear = runBotTurn(context(), at('need', BotPhase.ANSWER), { kind: 'reply', body: 'hmm' });
    expect(unclear.visitorMessage).toBe('hmm');
    expect(unclear.botMessages[0].body).toBe(BOT_TEXT.pickAnOption);
    expect(unclear.state).toEqual(at('need', BotPhase.ANSWER));
    expect(() => runBotTurn(context(), at('need', BotPhase.ANSWER), { kind: 'reply', optionKey: 'nope' })).toThrow(InvalidReplyError);
  });

  it('offers a human, hands off, asks name and email, then queues the chat', () => {
    const offer = runBotTurn(context(), at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' });
    expect(offer.botMessages).toEqual([{ body: 'Would you like to talk to someone from our sales team right now?', options: [{ key: 'accept', label: 'Yes, connect me' }, { key: 'decline', label: 'No, thanks' }] }]);
    expect(offer.state).toEqual(at('live', BotPhase.OFFER));

    const accepted = runBotTurn(context(), at('live', BotPhase.OFFER), { kind: 'reply', optionKey: 'accept' });
    // Nobody is being looked for yet: the hand-off message waits for the hand-off.
    expect(accepted.botMessages.map((m) => m.body)).toEqual(['Great! Before I connect you: what’s your name?']);
    expect(accepted.outcome).toBe('waiting');
    expect(accepted.state).toEqual(at('live', BotPhase.NAME));

    const named = runBotTurn(context(), at('live', BotPhase.NAME), { kind: 'reply', body: 'Grace Hopper' });
    expect(named.contact.name).toBe('Grace Hopper');
    expect(named.state).toEqual(at('live', BotPhase.EMAIL));
    expect(named.botMessages.map((m) => m.body)).toEqual(['And your email address, in case we get cut off?']);

    const badEmail = runBotTurn(context({ known: { name: 'Grace Hopper' } }), at('live', BotPhase.EMAIL), { kind: 'reply', body: 'grace@' });
    expect(badEmail.botMessages).toEqual([{ body: BOT_TEXT.invalidEmail }]);
    expect(badEmail.state).toEqual(at('live', BotPhase.EMAIL));
    expect(badEmail.contact.email).toBeUndefined();

    const queued = runBotTurn(context({ known: { name: 'Grace Hopper' } }), at('live', BotPhase.EMAIL), { kind: 'reply', body: ' Grace@Navy.MIL ' });
    expect(queued.contact.email).toBe('grace@navy.mil');
    expect(queued.outcome).toBe('inbox');
    expect(queued.botMessages.map((m) => m.body)).toEqual(['Thanks! While I find someone from our team, feel free to tell us more.']);
    expect(queued.liveChatStep?.liveChat?.timeoutSeconds).toBe(120);
    expect(queued.activities.map((a) => a.type)).toEqual([ActivityEventType.CONTACT_DETAILS_CAPTURED, ActivityEventType.LIVE_CHAT_REQUESTED]);
  });

  it('does not ask for details it already has', () => {
    const turn = runBotTurn(context({ known: { name: 'Ada', email: 'ada@example.com' } }), at('live', BotPhase.OFFER), { kind: 'reply', optionKey: 'accept' });
    expect(turn.outcome).toBe('inbox');
    expect(turn.botMessages.map((m) => m.body)).toEqual(['Thanks! While I find someone from our team, feel free to tell us more.']);
  });

  it('follows declineNext when the visitor declines, or when the account has no live chat', () => {
    const declined = runBotTurn(context(), at('live', BotPhase.OFFER), { kind: 'reply', optionKey: 'decline' });
    expect(declined.outcome).toBe('completed');
    expect(declined.botMessages.map((m) => m.body)).toEqual(['Thanks for visiting. Have a great day!']);

    const noLiveChat = runBotTurn(context({ liveChatEnabled: false }), at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'large' });
    expect(noLiveChat.outcome).toBe('completed');
    expect(noLiveChat.botMessages.some((m) => m.options?.some((o) => o.key === 'accept'))).toBe(false);
  });

  it('skips the offer while nobody is available, when the flow asks it to', () => {
    const skipping = toStoredSteps(DEMO_FLOW_STEPS.map((step) => (step.liveChat ? { ...step, liveChat: { ...step.liveChat, skipWhenNobodyAvailable: true, unavailableMessage: 'Our team is offline right now.' } } : step)));
    const offline = runBotTurn(context({ steps: skipping, agentsAvailable: false }), at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' });
    expect(offline.botMessages.map((m) => m.body)).toEqual(['Our team is offline right now.', 'Thanks for visiting. Have a great day!']);
    expect(offline.outcome).toBe('completed');
    const online = runBotTurn(context({ steps: skipping, agentsAvailable: true }), at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' });
    expect(online.state).toEqual(at('live', BotPhase.OFFER));
    // The default keeps offering: someone may switch on before the timeout.
    const regular = runBotTurn(context({ agentsAvailable: false }), at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' });
    expect(regular.state).toEqual(at('live', BotPhase.OFFER));
  });

  it('says "While I find someone" only when the chat enters the inbox, not when live chat became unavailable meanwhile', () => {
    const skipping = toStoredSteps(DEMO_FLOW_STEPS.map((step) => (step.liveChat ? { ...step, liveChat: { ...step.liveChat, skipWhenNobodyAvailable: true, unavailableMessage: 'Our team just went offline.' } } : step)));
    const known = { name: 'Grace Hopper' };
    // Everyone stopped accepting while the visitor typed their email.
    const nobody = runBotTurn(context({ steps: skipping, agentsAvailable: false, known }), at('live', BotPhase.EMAIL), { kind: 'reply', body: 'grace@navy.mil' });
    expect(nobody.outcome).toBe('completed');
    expect(nobody.botMessages.map((m) => m.body)).toEqual(['Our team just went offline.', 'Thanks for visiting. Have a great day!']);
    expect(nobody.activities.map((a) => a.type)).toEqual([ActivityEventType.CONTACT_DETAILS_CAPTURED]);
    // Live chat was switched off for the account after the offer.
    const off = runBotTurn(context({ liveChatEnabled: false, known: { name: 'Ada', email: 'ada@example.com' } }), at('live', BotPhase.OFFER), { kind: 'reply', optionKey: 'accept' });
    expect(off.outcome).toBe('completed');
    expect(off.botMessages.some((m) => m.body.includes('While I find someone'))).toBe(false);
    // With someone available it queues, and says so.
    const queued = runBotTurn(context({ steps: skipping, agentsAvailable: true, known }), at('live', BotPhase.EMAIL), { kind: 'reply', body: 'grace@navy.mil' });
    expect(queued.outcome).toBe('inbox');
    expect(queued.botMessages.map((m) => m.body)).toEqual(['Thanks! While I find someone from our team, feel free to tell us more.']);
  });

  it('stores free-text answers in the named field and stops a message loop', () => {
    const looping = toStoredSteps([
      { key: 'a', kind: 'MESSAGE' as never, text: 'A', next: 'b' },
      { key: 'b', kind: 'MESSAGE' as never, text: 'B', next: 'a' },
    ]);
    const turn = runBotTurn(context({ steps: looping }), { stepKey: null, phase: null }, { kind: 'start' });
    expect(turn.outcome).toBe('completed');
    expect(turn.botMessages.length).toBe(100);

    const question = toStoredSteps([
      { key: 'company', kind: 'QUESTION' as never, text: 'Company?', field: 'company', next: 'end' },
      { key: 'end', kind: 'END' as never, text: 'Thanks' },
    ]);
    const answered = runBotTurn(context({ steps: question }), at('company', BotPhase.ANSWER), { kind: 'reply', body: 'Acme' });
    expect(answered.contact.fields).toEqual({ company: 'Acme' });
    expect(answered.outcome).toBe('completed');
    expect(() => runBotTurn(context({ steps: question }), at('company', BotPhase.ANSWER), { kind: 'reply', body: '  ' })).toThrow('Type an answer first.');
  });

  describe('with offlineMode LEAVE_MESSAGE', () => {
    const leaving = (liveChat: Record<string, unknown> = {}) =>
      toStoredSteps(DEMO_FLOW_STEPS.map((step) => (step.liveChat ? { ...step, liveChat: { ...step.liveChat, offlineMode: OfflineMode.LEAVE_MESSAGE, ...liveChat } } : step)));
    const offlineSteps = leaving({ unavailableMessage: 'We’re closed right now.' });

    it('outside business hours takes name, email and a message instead of offering a human', () => {
      const closed = context({ steps: offlineSteps, withinBusinessHours: false });
      const reached = runBotTurn(closed, at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' });
      expect(reached.botMessages).toEqual([{ body: 'We’re closed right now.' }, { body: 'Great! Before I connect you: what’s your name?' }]);
      expect(reached.state).toEqual(at('live', BotPhase.OFFLINE_NAME));
      expect(reached.outcome).toBe('waiting');

      const named = runBotTurn(closed, at('live', BotPhase.OFFLINE_NAME), { kind: 'reply', body: 'Grace Hopper' });
      expect(named.contact.name).toBe('Grace Hopper');
      expect(named.botMessages.map((m) => m.body)).toEqual(['And your email address, in case we get cut off?']);
      expect(named.state).toEqual(at('live', BotPhase.OFFLINE_EMAIL));

      const withName = context({ steps: offlineSteps, withinBusinessHours: false, known: { name: 'Grace Hopper' } });
      expect(runBotTurn(withName, at('live', BotPhase.OFFLINE_EMAIL), { kind: 'reply', body: 'grace@' }).botMessages).toEqual([{ body: BOT_TEXT.invalidEmail }]);
      const emailed = runBotTurn(withName, at('live', BotPhase.OFFLINE_EMAIL), { kind: 'reply', body: 'Grace@Navy.MIL' });
      expect(emailed.contact.email).toBe('grace@navy.mil');
      expect(emailed.botMessages.map((m) => m.body)).toEqual(['What would you like us to know?']);
      expect(emailed.state).toEqual(at('live', BotPhase.OFFLINE_MESSAGE));

      const known = context({ steps: offlineSteps, withinBusinessHours: false, known: { name: 'Grace Hopper', email: 'grace@navy.mil' } });
      expect(() => runBotTurn(known, at('live', BotPhase.OFFLINE_MESSAGE), { kind: 'reply', body: '  ' })).toThrow(InvalidReplyError);
      const left = runBotTurn(known, at('live', BotPhase.OFFLINE_MESSAGE), { kind: 'reply', body: 'Please send me a quote for 12 seats.' });
      expect(left.outcome).toBe('messageLeft');
      expect(left.offlineMessage).toBe('Please send me a quote for 12 seats.');
      expect(left.visitorMessage).toBe('Please send me a quote for 12 seats.');
      expect(left.botMessages.map((m) => m.body)).toEqual(['Thanks! We’ve got your message and will get back to you by email.']);
      expect(left.activities).toEqual([
        { type: ActivityEventType.OFFLINE_MESSAGE_LEFT, data: { stepKey: 'live', message: 'Please send me a quote for 12 seats.', name: 'Grace Hopper', email: 'grace@navy.mil' } },
      ]);
      expect(left.state).toEqual(at('live', null));
    });

    it('with nobody accepting does the same, asking only what is not known, with its own texts', () => {
      const custom = leaving({ leaveMessagePrompt: 'How can we help?', leaveMessageThanks: 'Got it, talk soon.' });
      const nobody = context({ steps: custom, agentsAvailable: false, known: { name: 'Ada', email: 'ada@example.com' } });
      const reached = runBotTurn(nobody, at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' });
      // Without an unavailableMessage of its own, the step says the default one.
      expect(reached.botMessages.map((m) => m.body)).toEqual(['Sorry, nobody is available to chat right now. Leave us a message and we’ll get back to you.', 'How can we help?']);
      expect(reached.state).toEqual(at('live', BotPhase.OFFLINE_MESSAGE));
      // Someone switching on meanwhile changes nothing: the visitor was told to leave a message.
      const left = runBotTurn(context({ steps: custom, known: { name: 'Ada', email: 'ada@example.com' } }), at('live', BotPhase.OFFLINE_MESSAGE), { kind: 'reply', body: 'Call me back' });
      expect(left.outcome).toBe('messageLeft');
      expect(left.botMessages.map((m) => m.body)).toEqual(['Got it, talk soon.']);
    });

    it('within business hours and with someone accepting offers a human and hands off as usual', () => {
      const open = context({ steps: offlineSteps, known: { name: 'Ada', email: 'ada@example.com' } });
      expect(runBotTurn(open, at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' }).state).toEqual(at('live', BotPhase.OFFER));
      const queued = runBotTurn(open, at('live', BotPhase.OFFER), { kind: 'reply', optionKey: 'accept' });
      expect(queued.outcome).toBe('inbox');
      expect(queued.botMessages.map((m) => m.body)).toEqual(['Thanks! While I find someone from our team, feel free to tell us more.']);
    });

    it('takes a message when everyone stopped accepting after the visitor accepted the offer', () => {
      const gone = context({ steps: offlineSteps, agentsAvailable: false, known: { name: 'Grace Hopper' } });
      const emailed = runBotTurn(gone, at('live', BotPhase.EMAIL), { kind: 'reply', body: 'grace@navy.mil' });
      expect(emailed.outcome).toBe('waiting');
      expect(emailed.botMessages.map((m) => m.body)).toEqual(['We’re closed right now.', 'What would you like us to know?']);
      expect(emailed.state).toEqual(at('live', BotPhase.OFFLINE_MESSAGE));
      expect(emailed.activities.map((a) => a.type)).toEqual([ActivityEventType.CONTACT_DETAILS_CAPTURED]);
    });

    it('with offlineMode WAIT (the default) offers and queues outside hours and with nobody accepting, as before', () => {
      const closed = context({ withinBusinessHours: false, agentsAvailable: false, known: { name: 'Ada', email: 'ada@example.com' } });
      expect(runBotTurn(closed, at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' }).state).toEqual(at('live', BotPhase.OFFER));
      expect(runBotTurn(closed, at('live', BotPhase.OFFER), { kind: 'reply', optionKey: 'accept' }).outcome).toBe('inbox');
      expect(steps.find((step) => step.liveChat)!.liveChat!.offlineMode).toBe(OfflineMode.WAIT);
    });

    it('still skips to declineNext when live chat is off for the account', () => {
      const off = runBotTurn(context({ steps: offlineSteps, liveChatEnabled: false, withinBusinessHours: false }), at('team_size', BotPhase.ANSWER), { kind: 'reply', optionKey: 'small' });
      expect(off.outcome).toBe('completed');
      expect(off.botMessages.map((m) => m.body)).toEqual(['Thanks for visiting. Have a great day!']);
    });
  });
});
