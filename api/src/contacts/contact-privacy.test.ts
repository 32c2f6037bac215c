import { randomBytes } from 'node:crypto';
import { OfflineMode } from '../flows/flow-step.types';
import { Conversation } from '../conversations/conversation.entity';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, demoSteps, publishFlow, send, setAccepting, startVisitor, visitorToInbox, type Visitor } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { startReceiver } from '../test/webhook-receiver';
import { Contact } from './contact.entity';
import { ContactPrivacyService, ERASED } from './contact-privacy.service';
import { UserErrorsException } from '../errors/user-error';
import { UserRole } from '../users/user.entity';

const DELETE = /* GraphQL */ `
  mutation($id: ID!) {
    deleteContact(id: $id) { contact { id name email fields erasedAt } deletedContactId erasedConversations erasedMessages userErrors { code field message } }
  }
`;
const EXPORT = /* GraphQL */ `
  mutation($id: ID!) { exportContact(id: $id) { contact { id } export userErrors { code field message } } }
`;
const TRANSCRIPT = /* GraphQL */ `
  query($id: ID!) {
    conversation(id: $id) {
      status endReason pageUrl
      offlineMessage { body leftAt }
      rating { score comment }
      messages(first: 100) { edges { node { author body createdAt } } }
    }
  }
`;
const ACTIVITY = /* GraphQL */ `
  query($id: ID!) { contact(id: $id) { activity(first: 100) { edges { node { type data actor { kind } } } } } }
`;
const NOTE = /* GraphQL */ `mutation($input: AddNoteInput!) { addNote(input: $input) { userErrors { code } } }`;
const RATE = /* GraphQL */ `mutation($input: RateConversationInput!) { rateConversation(input: $input) { userErrors { code } } }`;
const END = /* GraphQL */ `mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`;

interface Person {
  contactId: string;
  visitors: { live: Visitor; offline: Visitor; waiting: Visitor };
  marks: string[];
}

describe('privacy: deleteContact and exportContact', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  let agent: { token: string; userId: string };
  let flowId: string;
  let offlineFlowId: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }, { workers: true });
    receiver = await startReceiver();
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    flowId = await publishFlow(app, admin.token);
    offlineFlowId = await publishFlow(app, admin.token, demoSteps({ offlineMode: OfflineMode.LEAVE_MESSAGE }));
    agent = await createSignedInUser(app, admin.token, 'AGENT');
    const endpoint = await app.gql(`mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { userErrors { code } } }`, { input: { url: receiver.url, eventTypes: ['ALL'] } }, admin.token);
    expect(endpoint.data!.createWebhookEndpoint.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  /**
   * One person, three conversations (they gave the same email, so one contact): a live chat with
   * messages both ways, a note, a transfer-free ending and a rated comment; a message left while
   * nobody was accepting; and a chat still waiting in the inbox.
   */
  async function person(): Promise<Person> {
    const tag = randomBytes(3).toString('hex');
    const marks = { name: `Erin Erase ${tag}`, email: `erin-${tag}@example.com`, agentSays: `Hi Erin ${tag}`, visitorSays: `my phone is 555-${tag}`, note: `Erin is VIP ${tag}`, comment: `Erin liked it ${tag}`, left: `Call Erin back ${tag}` };
    await setAccepting(app, agent.token, true);
    const live = await visitorToInbox(app, flowId, marks.name, marks.email);
    expect((await accept(app, agent.token, live.conversationId)).userErrors).toEqual([]);
    await send(app, agent.token, live.conversationId, { body: marks.agentSays });
    await send(app, live.token, live.conversationId, { body: marks.visitorSays });
    expect((await app.gql(NOTE, { input: { conversationId: live.conversationId, body: marks.note } }, agent.token)).data!.addNote.userErrors).toEqual([]);
    expect((await app.gql(END, { id: live.conversationId }, agent.token)).data!.endChat.userErrors).toEqual([]);
    expect((await app.gql(RATE, { input: { conversationId: live.conversationId, score: 4, comment: marks.comment } }, live.token)).data!.rateConversation.userErrors).toEqual([]);

    await setAccepting(app, agent.token, false);
    const offline = await startVisitor(app, offlineFlowId);
    for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { body: marks.name }, { body: marks.email }, { body: marks.left }]) {
      expect((await send(app, offline.token, offline.conversationId, input)).userErrors).toEqual([]);
    }
    await setAccepting(app, agent.token, true);
    const waiting = await visitorToInbox(app, flowId, marks.name, marks.email);
    const contact = (await app.gql(`query($id: ID!) { conversation(id: $id) { contact { id } } }`, { id: waiting.conversationId }, admin.token)).data!.conversation.contact;
    return { contactId: contact.id, visitors: { live, offline, waiting }, marks: Object.values(marks) };
  }

  /** Every stored row of the account in every table that holds contact data, as text. */
  async function storedText(accountId: string): Promise<string> {
    const connection = app.runtime.orm.em.getConnection();
    const rows: string[] = [];
    for (const table of ['contacts', 'conversations', 'messages', 'activity_events', 'webhook_deliveries']) {
      const found = await connection.execute<{ row: string }[]>(`select row_to_json(t)::text as row from ${table} t where account_id = ?`, [dbId(accountId)]);
      rows.push(...found.map((entry) => entry.row));
    }
    return rows.join('\n');
  }

  it('erases the personal data, keeps every message with its time and author, ends the open chat, and is recorded and sent', async () => {
    const erin = await person();
    const { live, offline, waiting } = erin.visitors;
    const before = await Promise.all([live, offline, waiting].map(async (visitor) => (await app.gql(TRANSCRIPT, { id: visitor.conversationId }, admin.token)).data!.conversation));
    const stored = await storedText(admin.accountId);
    for (const mark of erin.marks) expect([mark, stored.includes(mark)]).toEqual([mark, true]);
    const contactsBefore = await app.runtime.orm.em.fork().count(Contact, { account: dbId(admin.accountId) });

    const deleted = (await app.gql(DELETE, { id: erin.contactId }, admin.token)).data!.deleteContact;
    expect(deleted).toMatchObject({ contact: { id: erin.contactId, name: null, email: null, fields: {} }, deletedContactId: erin.contactId, erasedConversations: 3, userErrors: [] });
    expect(Date.parse(deleted.contact.erasedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Nothing of Erin is stored any more, in any row of the account.
    const after = await storedText(admin.accountId);
    for (const mark of erin.marks) expect([mark, after.includes(mark)]).toEqual([mark, false]);

    // The transcripts keep their shape: every message, its author and its time.
    const transcripts = await Promise.all([live, offline, waiting].map(async (visitor) => (await app.gql(TRANSCRIPT, { id: visitor.conversationId }, admin.token)).data!.conversation));
    transcripts.forEach((transcript, index) => {
      const was = before[index].messages.edges.map((edge: { node: { author: string; body: string; createdAt: string } }) => edge.node);
      const now = transcript.messages.edges.map((edge: { node: { author: string; body: string; createdAt: string } }) => edge.node);
      // The waiting chat ended: one SYSTEM line more.
      const kept = index === 2 ? now.slice(0, -1) : now;
      expect(kept.map((message: { author: string; createdAt: string }) => [message.author, message.createdAt])).toEqual(was.map((message: { author: string; createdAt: string }) => [message.author, message.createdAt]));
      for (const [message, original] of kept.map((message: { author: string; body: string }, at: number) => [message, was[at]])) {
        expect(message.body).toBe(['VISITOR', 'AGENT', 'NOTE'].includes(message.author) ? ERASED : original.body);
      }
    });
    expect(deleted.erasedMessages).toBe(before.flatMap((transcript) => transcript.messages.edges).filter((edge: { node: { author: string } }) => ['VISITOR', 'AGENT', 'NOTE'].includes(edge.node.author)).length);
    expect(transcripts[0]).toMatchObject({ status: 'ENDED', pageUrl: null, rating: { score: 4, comment: ERASED } });
    expect(transcripts[1]).toMatchObject({ status: 'ENDED', endReason: 'OFFLINE_MESSAGE_LEFT', offlineMessage: { body: ERASED } });
    expect(transcripts[2]).toMatchObject({ status: 'ENDED', endReason: 'CONTACT_DELETED' });
    expect(transcripts[2].messages.edges.at(-1).node).toMatchObject({ author: 'SYSTEM', body: 'The chat ended: the contact was deleted.' });
    expect((await app.gql(`{ liveChatInbox { id } }`, {}, agent.token)).data!.liveChatInbox).not.toContainEqual({ id: waiting.conversationId });

    // Its activity keeps every event; the values it gave are erased, its option picks stay.
    const activity = (await app.gql(ACTIVITY, { id: erin.contactId }, admin.token)).data!.contact.activity.edges.map((edge: { node: unknown }) => edge.node);
    expect(activity[0]).toMatchObject({ type: 'CONTACT_DELETED', actor: { kind: 'USER' }, data: { conversations: 3, messages: deleted.erasedMessages } });
    const ofType = (type: string) => activity.filter((event: { type: string }) => event.type === type).map((event: { data: Record<string, unknown> }) => event.data);
    expect(ofType('CONTACT_DETAILS_CAPTURED').map((data: Record<string, unknown>) => data.value)).toEqual(Array(6).fill(ERASED));
    expect(ofType('OFFLINE_MESSAGE_LEFT')).toEqual([expect.objectContaining({ message: ERASED, name: ERASED, email: ERASED, stepKey: 'live' })]);
    expect(ofType('CONVERSATION_RATED')).toEqual([expect.objectContaining({ score: 4, comment: ERASED })]);
    expect(ofType('CONTACT_QUALIFIED').map((data: Record<string, unknown>) => data.answer)).toContain('Pricing for my team');
    expect(ofType('CONVERSATION_STARTED').every((data: Record<string, unknown>) => data.pageUrl === ERASED)).toBe(true);

    // Webhook `contact.deleted`, with nothing personal in it.
    const [hook] = await receiver.waitFor((hook) => hook.json.type === 'contact.deleted' && hook.json.data.contact?.id === erin.contactId);
    expect(hook.json.data).toMatchObject({ activityType: 'CONTACT_DELETED', contact: { id: erin.contactId, name: null, email: null, fields: {} } });

    // The visitor of the ended chat reads the erased transcript and can write no more.
    const seen = await app.gql(`query($id: ID!) { conversation(id: $id) { status messages(first: 100) { edges { node { body } } } } }`, { id: waiting.conversationId }, waiting.token);
    expect(JSON.stringify(seen)).not.toContain(erin.marks[0]);
    expect((await send(app, waiting.token, waiting.conversationId, { body: 'still here?' })).userErrors[0].code).toBe('CONVERSATION_CLOSED');

    // Still listed (counts hold), erased once only.
    expect(await app.runtime.orm.em.fork().count(Contact, { account: dbId(admin.accountId) })).toBe(contactsBefore);
    const listed = await app.gql(`{ contacts(first: 100) { edges { node { id erasedAt } } } }`, {}, admin.token);
    expect(listed.data!.contacts.edges.map((edge: { node: { id: string; erasedAt: string | null } }) => edge.node)).toContainEqual({ id: erin.contactId, erasedAt: deleted.contact.erasedAt });
    expect((await app.gql(DELETE, { id: erin.contactId }, admin.token)).data!.deleteContact).toMatchObject({ contact: null, userErrors: [{ code: 'CONTACT_ALREADY_ERASED', field: ['id'] }] });

    // A new visitor with Erin's email gets a contact of their own: the erased one has no email to join.
    const again = await visitorToInbox(app, flowId, 'Erin Again', erin.marks[1]);
    const newContact = (await app.gql(`query($id: ID!) { conversation(id: $id) { contact { id email } } }`, { id: again.conversationId }, admin.token)).data!.conversation.contact;
    expect(newContact.email).toBe(erin.marks[1]);
    expect(newContact.id).not.toBe(erin.contactId);
  });

  it('exports everything stored about a contact, internal notes included, within bounds', async () => {
    const erin = await person();
    const exported = (await app.gql(EXPORT, { id: erin.contactId }, admin.token)).data!.exportContact;
    expect(exported.userErrors).toEqual([]);
    const data = exported.export;
    expect(data).toMatchObject({ format: 'chatonce.contact-export.v1', contact: { id: erin.contactId, name: erin.marks[0], email: erin.marks[1], erasedAt: null } });
    expect(data.conversations.map((conversation: { id: string }) => conversation.id)).toEqual(Object.values(erin.visitors).map((visitor) => visitor.conversationId));
    const [live, offline] = data.conversations;
    const bodies = live.messages.map((message: { author: string; body: string }) => `${message.author}:${message.body}`);
    expect(bodies).toEqual(expect.arrayContaining([`AGENT:${erin.marks[2]}`, `VISITOR:${erin.marks[3]}`, `NOTE:${erin.marks[4]}`]));
    expect(live.messages.find((message: { author: string }) => message.author === 'AGENT').sender).toEqual({ id: agent.userId, name: 'Test AGENT' });
    expect(live).toMatchObject({ status: 'ENDED', rating: { score: 4, comment: erin.marks[5] }, pageUrl: 'https://acme.example/pricing', assignee: { id: agent.userId } });
    expect(offline.offlineMessage).toMatchObject({ body: erin.marks[6] });
    const types = data.activityEvents.map((event: { type: string }) => event.type);
    expect(types).toEqual(expect.arrayContaining(['CONTACT_CREATED', 'CONTACTS_MERGED', 'CONVERSATION_RATED', 'OFFLINE_MESSAGE_LEFT', 'LIVE_CHAT_ACCEPTED', 'MESSAGE_CREATED']));
    // Oldest first.
    expect(data.activityEvents[0].type).toBe('CONTACT_CREATED');

    // A key of the account exports too; the bounds refuse rather than cut.
    const key = (await app.gql(`mutation { createApiKey(input: { name: "gdpr" }) { secret } }`, {}, admin.token)).data!.createApiKey.secret;
    expect((await app.gql(EXPORT, { id: erin.contactId }, key)).data!.exportContact.userErrors).toEqual([]);
    const { services } = app.runtime;
    const viewer = { kind: 'user' as const, accountId: dbId(admin.accountId), userId: dbId(admin.userId), role: UserRole.ADMIN };
    for (const limits of [{ messages: 3 }, { conversations: 2 }, { activityEvents: 5 }, { bytes: 1000 }]) {
      const bounded = new ContactPrivacyService({ activity: services.activity, chatEndings: services.chatEndings, dispatcher: services.dispatcher, exportLimits: { conversations: 100, messages: 1000, activityEvents: 1000, bytes: 1e7, ...limits } });
      const refused = await bounded.export(app.runtime.orm.em.fork(), viewer, dbId(erin.contactId)).catch((error: unknown) => error);
      expect([limits, refused instanceof UserErrorsException && refused.errors[0].code]).toEqual([limits, 'EXPORT_TOO_LARGE']);
    }
  });

  it('is the account admins’ and keys’ alone: another account finds nothing, agents, visitors and strangers are refused', async () => {
    const erin = await person();
    const other = await signUpAccount(app);
    const otherKey = (await app.gql(`mutation { createApiKey(input: { name: "other" }) { secret } }`, {}, other.token)).data!.createApiKey.secret;
    for (const token of [other.token, otherKey]) {
      expect((await app.gql(DELETE, { id: erin.contactId }, token)).data!.deleteContact).toMatchObject({ contact: null, userErrors: [{ code: 'CONTACT_NOT_FOUND' }] });
      expect((await app.gql(EXPORT, { id: erin.contactId }, token)).data!.exportContact).toEqual({ contact: null, export: null, userErrors: [expect.objectContaining({ code: 'CONTACT_NOT_FOUND' })] });
    }
    for (const [token, code] of [[agent.token, 'FORBIDDEN'], [erin.visitors.waiting.token, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      for (const document of [DELETE, EXPORT]) expect((await app.gql(document, { id: erin.contactId }, token)).errors![0].extensions!.code).toBe(code);
    }
    // A key reading contacts exports, and may not erase.
    const reader = (await app.gql(`mutation { createApiKey(input: { name: "reader", scopes: [CONTACTS_READ] }) { secret userErrors { code } } }`, {}, admin.token)).data!.createApiKey;
    expect(reader.userErrors).toEqual([]);
    expect((await app.gql(EXPORT, { id: erin.contactId }, reader.secret)).data!.exportContact.userErrors).toEqual([]);
    const refused = await app.gql(DELETE, { id: erin.contactId }, reader.secret);
    expect(refused.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('contacts:write') });
    // Malformed IDs, and an ID of another type, are bad input.
    for (const id of ['nope', erin.visitors.live.conversationId]) expect((await app.gql(DELETE, { id }, admin.token)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const untouched = await app.runtime.orm.em.fork().findOneOrFail(Contact, dbId(erin.contactId));
    expect(untouched).toMatchObject({ name: erin.marks[0], email: erin.marks[1], erasedAt: null });
  });

  it('races: a visitor giving the email while the contact is erased never brings the data back; two deletes erase once', async () => {
    for (let round = 0; round < 3; round++) {
      const email = `race-${round}-${randomBytes(3).toString('hex')}@example.com`;
      const first = await visitorToInbox(app, flowId, 'Racing Person', email);
      const contactId = (await app.gql(`query($id: ID!) { conversation(id: $id) { contact { id } } }`, { id: first.conversationId }, admin.token)).data!.conversation.contact.id;
      const visitor = await startVisitor(app, flowId);
      for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { optionKey: 'accept' }, { body: 'Racing Again' }]) await send(app, visitor.token, visitor.conversationId, input);

      const [one, two, captured] = await Promise.all([app.gql(DELETE, { id: contactId }, admin.token), app.gql(DELETE, { id: contactId }, admin.token), send(app, visitor.token, visitor.conversationId, { body: email })]);
      expect([one, two].map((result) => result.data!.deleteContact.userErrors.map((error: { code: string }) => error.code)).sort()).toEqual([[], ['CONTACT_ALREADY_ERASED']]);
      expect(captured.userErrors).toEqual([]);

      const em = app.runtime.orm.em.fork();
      const erased = await em.findOneOrFail(Contact, dbId(contactId));
      expect(erased).toMatchObject({ name: null, email: null, fields: {} });
      const conversation = await em.findOneOrFail(Conversation, dbId(visitor.conversationId), { populate: ['contact'] });
      if (conversation.contact.id === erased.id) {
        // Joined before the erasure: erased with it, and ended.
        expect(conversation.status).toBe('ENDED');
      } else {
        // After it: a contact of its own, with the email.
        expect(conversation.contact.getEntity()).toMatchObject({ email, name: 'Racing Again', erasedAt: null });
      }
    }
  });
});
