import { OfflineMode } from '../flows/flow-step.types';
import { Topic } from '../realtime/topics';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { collect, demoSteps, publishFlow, send, setAccepting, startVisitor, waitForChannel, type Visitor } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { startReceiver } from '../test/webhook-receiver';

const UPDATE_SETTINGS = /* GraphQL */ `
  mutation ($input: UpdateAccountSettingsInput!) {
    updateAccountSettings(input: $input) {
      account {
        openNow
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const CONVERSATION = /* GraphQL */ `
  query ($id: ID!) {
    conversation(id: $id) {
      status
      endReason
      endedAt
      waitingSince
      offlineMessage {
        body
        leftAt
      }
      contact {
        name
        email
      }
    }
  }
`;
const MESSAGES_LEFT = /* GraphQL */ `
  query ($has: Boolean) {
    conversations(first: 20, filter: { hasOfflineMessage: $has }) {
      edges {
        node {
          id
          offlineMessage {
            body
          }
          contact {
            name
            email
          }
        }
      }
    }
  }
`;
const ACTIVITY = /* GraphQL */ `
  query ($id: ID!) {
    activityStream(first: 50, filter: { conversationId: $id }) {
      edges {
        node {
          type
          data
          actor {
            kind
          }
        }
      }
    }
  }
`;
const INCOMING = /* GraphQL */ `
  subscription {
    incomingChats {
      kind
      conversation {
        id
      }
    }
  }
`;

const EVERY_DAY = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
/** Open around the clock, or never: the test does not depend on when it runs. */
const ALWAYS_OPEN = { timeZone: 'Europe/Berlin', weekly: EVERY_DAY.map((day) => ({ day, opens: '00:00', closes: '24:00' })) };
const NEVER_OPEN = { timeZone: 'Europe/Berlin', weekly: [] };
const UNAVAILABLE = 'Our sales team is offline right now. Leave us a message and we will write back.';

describe('the offline path: leaving a message while nobody is available', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }, { workers: true });
  });
  afterAll(() => app.close());

  async function accountWith(businessHours: object | null, offlineMode = OfflineMode.LEAVE_MESSAGE) {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const settings = await app.gql(UPDATE_SETTINGS, { input: { businessHours } }, admin.token);
    expect(settings.data!.updateAccountSettings.userErrors).toEqual([]);
    const flowId = await publishFlow(app, admin.token, demoSteps({ offlineMode, unavailableMessage: UNAVAILABLE }));
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    return { admin, flowId, agent };
  }

  /** Qualifies in the demo flow up to its LIVE_CHAT step; returns what the bot said there. */
  async function reachLiveChat(flowId: string): Promise<{ visitor: Visitor; said: string[] }> {
    const visitor = await startVisitor(app, flowId);
    await send(app, visitor.token, visitor.conversationId, { optionKey: 'pricing' });
    await send(app, visitor.token, visitor.conversationId, { optionKey: 'small' });
    const messages = await app.gql(
      `query($id: ID!) { conversation(id: $id) { messages(first: 50) { edges { node { author body options { key } } } } } }`,
      { id: visitor.conversationId },
      visitor.token,
    );
    const bot = messages.data!.conversation.messages.edges.map((edge: { node: { author: string; body: string } }) => edge.node).filter((m: { author: string }) => m.author === 'BOT');
    return { visitor, said: bot.slice(-2).map((m: { body: string }) => m.body) };
  }

  /** Answers the name and email questions; returns the last answer's result. */
  async function giveDetails(visitor: Visitor) {
    expect((await send(app, visitor.token, visitor.conversationId, { body: 'Grace Hopper' })).userErrors).toEqual([]);
    return send(app, visitor.token, visitor.conversationId, { body: 'grace@example.com' });
  }

  async function leaveMessage(visitor: Visitor, message: string) {
    expect((await giveDetails(visitor)).conversation!.status).toBe('BOT');
    return send(app, visitor.token, visitor.conversationId, { body: message });
  }

  it('outside business hours: takes name, email and a message, records it, and never puts the chat in the inbox', async () => {
    const { admin, flowId, agent } = await accountWith(NEVER_OPEN);
    // Someone is accepting chats, but the business is closed.
    await setAccepting(app, agent.token, true);
    const receiver = await startReceiver();
    const endpoint = await app.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } userErrors { code } } }`,
      { input: { url: receiver.url, events: ['offline_message.left'] } },
      admin.token,
    );
    expect(endpoint.data!.createWebhookEndpoint.userErrors).toEqual([]);
    const inbox = await collect(app.wsClient(`Bearer ${agent.token}`), INCOMING);
    try {
      await waitForChannel(app, Topic.INBOX, dbId(agent.userId));

      const { visitor, said } = await reachLiveChat(flowId);
      // No offer of a human: the unavailable message, then the name question.
      expect(said).toEqual([UNAVAILABLE, 'Great! Before I connect you: what’s your name?']);

      await send(app, visitor.token, visitor.conversationId, { body: 'Grace Hopper' });
      const emailed = await send(app, visitor.token, visitor.conversationId, { body: 'grace@example.com' });
      expect(emailed.conversation!.status).toBe('BOT');
      const left = await send(app, visitor.token, visitor.conversationId, { body: 'Please send a quote for 12 seats.' });
      expect(left.userErrors).toEqual([]);
      expect(left.message!.body).toBe('Please send a quote for 12 seats.');
      expect(left.conversation!.status).toBe('ENDED');

      const stored = (await app.gql(CONVERSATION, { id: visitor.conversationId }, agent.token)).data!.conversation;
      expect(stored).toMatchObject({ status: 'ENDED', endReason: 'OFFLINE_MESSAGE_LEFT', waitingSince: null, contact: { name: 'Grace Hopper', email: 'grace@example.com' } });
      expect(stored.offlineMessage.body).toBe('Please send a quote for 12 seats.');
      expect(Date.parse(stored.offlineMessage.leftAt)).toBeGreaterThan(Date.now() - 60_000);
      // The visitor is thanked last; a further message is refused.
      const transcript = await app.gql(`query($id: ID!) { conversation(id: $id) { messages(first: 50) { edges { node { author body } } } } }`, { id: visitor.conversationId }, visitor.token);
      expect(transcript.data!.conversation.messages.edges.at(-1).node).toEqual({ author: 'BOT', body: 'Thanks! We’ve got your message and will get back to you by email.' });
      expect((await send(app, visitor.token, visitor.conversationId, { body: 'one more thing' })).userErrors[0].code).toBe('CONVERSATION_CLOSED');
      // The visitor does not read the team's copy.
      expect((await app.gql(CONVERSATION, { id: visitor.conversationId }, visitor.token)).data!.conversation.offlineMessage).toBeNull();

      const activity = (await app.gql(ACTIVITY, { id: visitor.conversationId }, admin.token)).data!.activityStream.edges.map((edge: { node: unknown }) => edge.node);
      const types = activity.map((event: { type: string }) => event.type);
      expect(types).toContain('OFFLINE_MESSAGE_LEFT');
      expect(types).not.toContain('LIVE_CHAT_REQUESTED');
      expect(activity.find((event: { type: string }) => event.type === 'OFFLINE_MESSAGE_LEFT')).toEqual({
        type: 'OFFLINE_MESSAGE_LEFT',
        data: { stepKey: 'live', message: 'Please send a quote for 12 seats.', name: 'Grace Hopper', email: 'grace@example.com' },
        actor: { kind: 'VISITOR' },
      });
      expect(activity.find((event: { type: string }) => event.type === 'CONVERSATION_ENDED').data).toEqual({ endReason: 'OFFLINE_MESSAGE_LEFT' });

      const [hook] = await receiver.waitFor((received) => received.json.type === 'offline_message.left');
      expect(hook.json.data).toMatchObject({ activityType: 'OFFLINE_MESSAGE_LEFT', contact: { name: 'Grace Hopper', email: 'grace@example.com' }, conversation: { id: visitor.conversationId } });

      // Never in the inbox: once the business opens, the next chat arrives, and it alone.
      expect((await app.gql(`{ liveChatInbox { id } }`, {}, agent.token)).data!.liveChatInbox).toEqual([]);
      expect((await app.gql(UPDATE_SETTINGS, { input: { businessHours: ALWAYS_OPEN } }, admin.token)).data!.updateAccountSettings.account.openNow).toBe(true);
      const { visitor: next, said: offered } = await reachLiveChat(flowId);
      expect(offered.at(-1)).toBe('Would you like to talk to someone from our sales team right now?');
      await send(app, next.token, next.conversationId, { optionKey: 'accept' });
      expect((await giveDetails(next)).conversation!.status).toBe('WAITING');
      await inbox.waitFor((event) => event.kind === 'ADDED' && event.conversation.id === next.conversationId);
      expect(inbox.events.map((event) => event.conversation.id)).toEqual([next.conversationId]);
    } finally {
      inbox.dispose();
      await receiver.close();
    }
  });

  it('with nobody accepting chats: the same, and the message is listed in "Messages left", newest first', async () => {
    const { admin, flowId } = await accountWith(null);
    const first = (await reachLiveChat(flowId)).visitor;
    const { visitor: second, said } = await reachLiveChat(flowId);
    expect(said[0]).toBe(UNAVAILABLE);
    await leaveMessage(first, 'First message');
    const result = await leaveMessage(second, 'Second message');
    expect(result.conversation!.status).toBe('ENDED');
    // A conversation without a message (the visitor just browsed).
    const browsing = await startVisitor(app, flowId);
    await send(app, browsing.token, browsing.conversationId, { optionKey: 'browsing' });

    const list = (await app.gql(MESSAGES_LEFT, { has: true }, admin.token)).data!.conversations.edges.map((edge: { node: unknown }) => edge.node);
    expect(list).toEqual([
      { id: second.conversationId, offlineMessage: { body: 'Second message' }, contact: { name: 'Grace Hopper', email: 'grace@example.com' } },
      { id: first.conversationId, offlineMessage: { body: 'First message' }, contact: { name: 'Grace Hopper', email: 'grace@example.com' } },
    ]);
    const others = (await app.gql(MESSAGES_LEFT, { has: false }, admin.token)).data!.conversations.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(others).toEqual([browsing.conversationId]);
    // Another account lists none of them.
    const other = await signUpAccount(app, 'Other Co');
    expect((await app.gql(MESSAGES_LEFT, { has: true }, other.token)).data!.conversations.edges).toEqual([]);
  });

  it('within business hours and with someone accepting: the usual offer and hand-off', async () => {
    const { flowId, agent } = await accountWith(ALWAYS_OPEN);
    await setAccepting(app, agent.token, true);
    const { visitor, said } = await reachLiveChat(flowId);
    expect(said.at(-1)).toBe('Would you like to talk to someone from our sales team right now?');
    await send(app, visitor.token, visitor.conversationId, { optionKey: 'accept' });
    expect((await giveDetails(visitor)).conversation!.status).toBe('WAITING');
    const inbox = (await app.gql(`{ liveChatInbox { id offlineMessage { body } } }`, {}, agent.token)).data!.liveChatInbox;
    expect(inbox).toEqual([{ id: visitor.conversationId, offlineMessage: null }]);
  });

  it('with offlineMode WAIT, outside hours and with nobody accepting: the chat waits in the inbox as before', async () => {
    const { admin, flowId } = await accountWith(NEVER_OPEN, OfflineMode.WAIT);
    const { visitor, said } = await reachLiveChat(flowId);
    expect(said.at(-1)).toBe('Would you like to talk to someone from our sales team right now?');
    await send(app, visitor.token, visitor.conversationId, { optionKey: 'accept' });
    expect((await giveDetails(visitor)).conversation!.status).toBe('WAITING');
    expect((await app.gql(CONVERSATION, { id: visitor.conversationId }, admin.token)).data!.conversation.offlineMessage).toBeNull();
  });
});

describe('business hours as an account setting', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAccount(app);
  });
  afterAll(() => app.close());

  const READ = /* GraphQL */ `
    {
      account {
        openNow
        businessHours {
          timeZone
          weekly {
            day
            opens
            closes
          }
          exceptions {
            date
            closed
            intervals {
              opens
              closes
            }
          }
        }
      }
    }
  `;
  const UPDATE = /* GraphQL */ `
    mutation ($input: UpdateAccountSettingsInput!) {
      updateAccountSettings(input: $input) {
        account {
          openNow
          businessHours {
            timeZone
          }
        }
        userErrors {
          code
          field
        }
      }
    }
  `;

  it('start as always open, are stored normalised, and null clears them', async () => {
    expect((await app.gql(READ, {}, admin.token)).data!.account).toEqual({ openNow: true, businessHours: null });
    const hours = {
      timeZone: 'america/new_york',
      weekly: [
        { day: 'FRIDAY', opens: '09:00', closes: '17:00' },
        { day: 'MONDAY', opens: '13:00', closes: '17:00' },
        { day: 'MONDAY', opens: '09:00', closes: '12:00' },
      ],
      exceptions: [
        { date: '2026-12-25', closed: true },
        { date: '2026-12-24', intervals: [{ opens: '09:00', closes: '12:00' }] },
      ],
    };
    const updated = await app.gql(UPDATE, { input: { businessHours: hours } }, admin.token);
    expect(updated.data!.updateAccountSettings.userErrors).toEqual([]);
    expect((await app.gql(READ, {}, admin.token)).data!.account.businessHours).toEqual({
      timeZone: 'America/New_York',
      weekly: [
        { day: 'MONDAY', opens: '09:00', closes: '12:00' },
        { day: 'MONDAY', opens: '13:00', closes: '17:00' },
        { day: 'FRIDAY', opens: '09:00', closes: '17:00' },
      ],
      exceptions: [
        { date: '2026-12-24', closed: false, intervals: [{ opens: '09:00', closes: '12:00' }] },
        { date: '2026-12-25', closed: true, intervals: [] },
      ],
    });
    // Another setting leaves them as they are.
    await app.gql(UPDATE, { input: { typingPreview: true } }, admin.token);
    expect((await app.gql(READ, {}, admin.token)).data!.account.businessHours.timeZone).toBe('America/New_York');
    // Closed all week: not open now, whenever the test runs.
    expect((await app.gql(UPDATE, { input: { businessHours: NEVER_OPEN } }, admin.token)).data!.updateAccountSettings.account.openNow).toBe(false);
    expect((await app.gql(UPDATE, { input: { businessHours: null } }, admin.token)).data!.updateAccountSettings.account).toEqual({ openNow: true, businessHours: null });
  });

  it('refuses a bad zone or bad hours with the field at fault, changing nothing', async () => {
    await app.gql(UPDATE, { input: { businessHours: ALWAYS_OPEN } }, admin.token);
    const bad = await app.gql(
      UPDATE,
      { input: { reminderSeconds: 30, businessHours: { timeZone: 'Mars/Olympus', weekly: [{ day: 'MONDAY', opens: '17:00', closes: '09:00' }], exceptions: [{ date: '2026-13-01', closed: true }] } } },
      admin.token,
    );
    expect(bad.data!.updateAccountSettings).toEqual({
      account: null,
      userErrors: [
        { code: 'INVALID_TIME_ZONE', field: ['input', 'businessHours', 'timeZone'] },
        { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'weekly', '0', 'closes'] },
        { code: 'INVALID_BUSINESS_HOURS', field: ['input', 'businessHours', 'exceptions', '0', 'date'] },
      ],
    });
    const now = (await app.gql(`{ account { reminderSeconds businessHours { timeZone } } }`, {}, admin.token)).data!.account;
    expect(now).toEqual({ reminderSeconds: 20, businessHours: { timeZone: 'Europe/Berlin' } });
    // Sizes are bounded before anything runs.
    const huge = await app.gql(UPDATE, { input: { businessHours: { timeZone: 'UTC', weekly: Array.from({ length: 71 }, () => ({ day: 'MONDAY', opens: '09:00', closes: '10:00' })) } } }, admin.token);
    expect(huge.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('are changed by admins only', async () => {
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    const byAgent = await app.gql(UPDATE, { input: { businessHours: NEVER_OPEN } }, agent.token);
    expect(byAgent.errors![0].extensions!.code).toBe('FORBIDDEN');
    // Agents read them (the inbox shows whether the team is open).
    expect((await app.gql(`{ account { openNow } }`, {}, agent.token)).data!.account.openNow).toBe(true);
  });
});
