import { ActivityEvent, ActivityEventType } from '../activity/activity-event.entity';
import { Conversation } from '../conversations/conversation.entity';
import { FlowStepKind, OfflineMode, type FlowStepInput } from '../flows/flow-step.types';
import { dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { demoSteps, publishFlow, send, startVisitor, visitorToInbox, type Visitor } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { WebhookDelivery } from '../webhooks/webhook.entity';
import { Contact } from './contact.entity';

const CONVERSATION_CONTACT = /* GraphQL */ `
  query($id: ID!) { conversation(id: $id) { id contact { id name email fields conversations(first: 10) { edges { node { id } } } } } }
`;
const CONTACT_ACTIVITY = /* GraphQL */ `
  query($id: ID!) { contact(id: $id) { activity(first: 50) { edges { node { type data conversation { id } } } } } }
`;
const NAME_PROMPT = 'Before I connect you: your name?';

/** Asks the email first, then a custom field, then offers a chat that collects the name. */
const EMAIL_FIRST: FlowStepInput[] = [
  { key: 'email', kind: FlowStepKind.QUESTION, text: 'Your email, please?', field: 'email', next: 'company' },
  { key: 'company', kind: FlowStepKind.QUESTION, text: 'Your company?', field: 'company', next: 'live' },
  {
    key: 'live',
    kind: FlowStepKind.LIVE_CHAT,
    liveChat: {
      offerMessage: 'Talk to us?',
      acceptLabel: 'Yes',
      declineLabel: 'No',
      declineNext: 'bye',
      handoffMessage: 'Connecting you.',
      timeoutSeconds: 120,
      timeoutMessage: 'Nobody came.',
      collectContactDetails: { enabled: true, namePrompt: NAME_PROMPT, emailPrompt: 'Your email?' },
    },
  },
  { key: 'bye', kind: FlowStepKind.END, text: 'Bye.' },
];

describe('contacts merged by email', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let flowId: string;
  let emailFirstFlowId: string;
  beforeAll(async () => {
    // No workers: webhook deliveries are only written, never sent.
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
    emailFirstFlowId = await publishFlow(app, admin.token, EMAIL_FIRST);
  });
  afterAll(() => app.close());

  const contactOf = async (conversationId: string) => (await app.gql(CONVERSATION_CONTACT, { id: conversationId }, admin.token)).data!.conversation.contact;
  const contactsWithEmail = (email: string, accountId = admin.accountId) =>
    app.runtime.orm.em.fork().find(Contact, { account: dbId(accountId), email: { $ilike: email } });

  it('joins the later conversation to the contact that has the email, in the same transaction as the capture', async () => {
    const email = `grace-${Date.now()}@example.com`;
    const endpoint = await app.gql(`mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } userErrors { code } } }`, { input: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['CONTACTS_MERGED'] } }, admin.token);
    expect(endpoint.data!.createWebhookEndpoint.userErrors).toEqual([]);
    const first = await visitorToInbox(app, flowId, 'Grace Hopper', email);
    const kept = await contactOf(first.conversationId);

    // The second visitor types the address in capitals, and another name.
    const second = await visitorToInbox(app, flowId, 'Grace B. Hopper', email.toUpperCase());
    const joined = await contactOf(second.conversationId);
    expect(joined.id).toBe(kept.id);
    expect(joined).toMatchObject({ name: 'Grace B. Hopper', email, fields: { need: 'Pricing for my team', team_size: '1–10' } });
    expect(joined.conversations.edges.map((edge: { node: { id: string } }) => edge.node.id).sort()).toEqual([first.conversationId, second.conversationId].sort());
    expect(await contactsWithEmail(email)).toHaveLength(1);

    // The merged contact is gone; its history is the kept contact's, the email capture before the merge.
    const activity = (await app.gql(CONTACT_ACTIVITY, { id: kept.id }, admin.token)).data!.contact.activity.edges.map((edge: { node: unknown }) => edge.node);
    const merged = activity.find((event: { type: string }) => event.type === 'CONTACTS_MERGED');
    expect(merged).toMatchObject({ conversation: { id: second.conversationId }, data: { keptContactId: kept.id, reason: 'SAME_EMAIL' } });
    const mergedId = merged.data.mergedContactId;
    expect(mergedId).not.toBe(kept.id);
    expect((await app.gql(`query($id: ID!) { contact(id: $id) { id } node(id: $id) { id } }`, { id: mergedId }, admin.token)).data).toEqual({ contact: null, node: null });
    const secondTypes = activity.filter((event: { conversation: { id: string } | null }) => event.conversation?.id === second.conversationId).map((event: { type: string }) => event.type);
    expect(secondTypes.filter((type: string) => type === 'CONTACT_CREATED')).toHaveLength(1);
    // Newest first: the merge is recorded at the end of the turn that captured the email.
    expect(secondTypes.slice(0, 3)).toEqual(['CONTACTS_MERGED', 'LIVE_CHAT_REQUESTED', 'CONTACT_DETAILS_CAPTURED']);
    const em = app.runtime.orm.em.fork();
    expect(await em.count(ActivityEvent, { contact: dbId(mergedId) })).toBe(0);

    // Webhook `contact.merged`, with the kept contact and both IDs.
    const delivery = await em.findOneOrFail(WebhookDelivery, { endpoint: dbId(endpoint.data!.createWebhookEndpoint.endpoint.id) });
    expect(JSON.parse(delivery.payload)).toMatchObject({ type: 'contact.merged', data: { activityType: 'CONTACTS_MERGED', contact: { id: kept.id, email }, details: { keptContactId: kept.id, mergedContactId: mergedId } } });
  });

  it('shows the joining visitor nothing of the contact: no fields, no other conversation, and the bot asks as if it knew nothing', async () => {
    const email = `ada-${Date.now()}@example.com`;
    const first = await visitorToInbox(app, flowId, 'Ada Known-Name', email);
    const kept = await contactOf(first.conversationId);

    const second = await startVisitor(app, emailFirstFlowId);
    expect((await send(app, second.token, second.conversationId, { body: email })).userErrors).toEqual([]);
    expect((await contactOf(second.conversationId)).id).toBe(kept.id);
    await send(app, second.token, second.conversationId, { body: 'Initech' });
    // The contact has a name, but this visitor gave none: the bot asks for it.
    const accepted = await send(app, second.token, second.conversationId, { optionKey: 'accept' });
    expect(accepted.conversation!.status).toBe('BOT');
    const asked = await app.gql(`query($id: ID!) { conversation(id: $id) { messages(last: 1) { edges { node { author body } } } } }`, { id: second.conversationId }, second.token);
    expect(asked.data!.conversation.messages.edges[0].node).toEqual({ author: 'BOT', body: NAME_PROMPT });

    // The visitor token reads its own conversation and nothing of the contact.
    const own = await app.gql(
      `query($id: ID!, $contact: ID!, $other: ID!) {
        mine: conversation(id: $id) { id status messages(first: 50) { edges { node { body } } } contact { id name email fields } }
        other: conversation(id: $other) { id }
        node(id: $contact) { id }
      }`,
      { id: second.conversationId, contact: kept.id, other: first.conversationId },
      second.token,
    );
    expect(own.data!.mine.contact).toBeNull();
    expect(own.data!.other).toBeNull();
    expect(own.data!.node).toBeNull();
    const seen = JSON.stringify(own);
    for (const secret of ['Ada Known-Name', kept.id, dbId(kept.id), first.conversationId, 'Pricing for my team']) expect(seen).not.toContain(secret);
    const direct = await app.gql(`query($id: ID!) { contact(id: $id) { name } }`, { id: kept.id }, second.token);
    expect(direct.errors![0].extensions!.code).toBe('FORBIDDEN');

    // What the visitor gave wins on the contact (restricting this is the verified identity's job).
    await send(app, second.token, second.conversationId, { body: 'Ada Newcomer' });
    expect(await contactOf(second.conversationId)).toMatchObject({ id: kept.id, name: 'Ada Newcomer', fields: { need: 'Pricing for my team', company: 'Initech' } });
  });

  it('ends with one contact when many visitors give the same email at once', async () => {
    for (let round = 0; round < 3; round++) {
      const email = `race-${round}-${Date.now()}@example.com`;
      const visitors: Visitor[] = [];
      for (let index = 0; index < 6; index++) {
        const visitor = await startVisitor(app, flowId);
        for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { optionKey: 'accept' }, { body: `Racer ${index}` }]) await send(app, visitor.token, visitor.conversationId, input);
        visitors.push(visitor);
      }
      const results = await Promise.all(visitors.map((visitor) => send(app, visitor.token, visitor.conversationId, { body: email })));
      expect(results.map((result) => [result.userErrors, result.conversation?.status])).toEqual(visitors.map(() => [[], 'WAITING']));
      const contacts = await contactsWithEmail(email);
      expect(contacts).toHaveLength(1);
      const em = app.runtime.orm.em.fork();
      const conversations = await em.find(Conversation, { id: { $in: visitors.map((visitor) => dbId(visitor.conversationId)) } });
      expect(new Set(conversations.map((conversation) => conversation.contact.id))).toEqual(new Set([contacts[0].id]));
      expect(await em.count(ActivityEvent, { contact: contacts[0].id, type: ActivityEventType.CONTACTS_MERGED })).toBe(visitors.length - 1);
      expect(await em.count(ActivityEvent, { contact: contacts[0].id, type: ActivityEventType.CONTACT_CREATED })).toBe(visitors.length);
    }
  });

  it('merges on the offline-message path too, and never across accounts or with a different email', async () => {
    const email = `offline-${Date.now()}@example.com`;
    const other = await signUpAccount(app);
    await enableLiveChat(app, other.accountId);
    const otherFlow = await publishFlow(app, other.token);
    const elsewhere = await visitorToInbox(app, otherFlow, 'Elsewhere', email);

    const first = await visitorToInbox(app, flowId, 'Offline One', email);
    // Nobody is accepting chats: this flow takes a message instead, asking name and email first.
    const offlineFlow = await publishFlow(app, admin.token, demoSteps({ offlineMode: OfflineMode.LEAVE_MESSAGE }));
    const visitor = await startVisitor(app, offlineFlow);
    for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { body: 'Offline Two' }, { body: email }]) {
      expect((await send(app, visitor.token, visitor.conversationId, input)).userErrors).toEqual([]);
    }
    const left = await send(app, visitor.token, visitor.conversationId, { body: 'Call me back' });
    expect(left.conversation!.status).toBe('ENDED');
    const kept = await contactOf(first.conversationId);
    expect((await contactOf(visitor.conversationId)).id).toBe(kept.id);
    // The message left names what this visitor gave.
    const offline = await app.gql(`query($id: ID!) { activityStream(first: 20, filter: { conversationId: $id, types: [OFFLINE_MESSAGE_LEFT] }) { edges { node { data } } } }`, { id: visitor.conversationId }, admin.token);
    expect(offline.data!.activityStream.edges[0].node.data).toMatchObject({ name: 'Offline Two', email, message: 'Call me back' });

    // The other account's contact with this email is its own.
    expect((await app.gql(CONVERSATION_CONTACT, { id: elsewhere.conversationId }, other.token)).data!.conversation.contact.conversations.edges).toHaveLength(1);
    expect(await contactsWithEmail(email, other.accountId)).toHaveLength(1);
    // Another email: a contact of its own.
    const third = await visitorToInbox(app, flowId, 'Someone Else', `else-${Date.now()}@example.com`);
    expect((await contactOf(third.conversationId)).id).not.toBe(kept.id);
  });
});
