import { buildClientSchema, getIntrospectionQuery, isObjectType, type IntrospectionQuery } from 'graphql';
import jwt from 'jsonwebtoken';
import { uuidv7 } from 'uuidv7';
import { dbId, enableLiveChat, signUpAccount } from '../test/fixtures';
import { collect, publishFlow, send, startVisitor } from '../test/live-chat-fixtures';
import { startTestApp, wsExecute, type TestApp } from '../test/test-app';

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Decode to something, but not to a position of any list. */
const BAD_CURSORS = [cursor(['nope']), cursor([1]), cursor([-1]), cursor([1.5]), cursor([null]), cursor({}), cursor([uuidv7(), 2]), cursor(['2026-01-01T00:00:00.000Z']), '%%%', 'bm9wZQ'];

describe('bad input is BAD_USER_INPUT (or UNAUTHENTICATED), never a 500', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signUpAccount>>;
  let ids: Record<'flow' | 'conversation' | 'contact' | 'endpoint', string>;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flow = await publishFlow(app, admin.token);
    const visitor = await startVisitor(app, flow);
    const conversation = await app.gql(`query($id: ID!) { conversation(id: $id) { contact { id } } }`, { id: visitor.conversationId }, admin.token);
    const endpoint = await app.gql(`mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hook", events: ["*"] }) { endpoint { id } } }`, {}, admin.token);
    ids = { flow, conversation: visitor.conversationId, contact: conversation.data!.conversation.contact.id, endpoint: endpoint.data!.createWebhookEndpoint.endpoint.id };
  });
  afterAll(() => app.close());

  /** Every field of the schema that takes `after`, with a query that reaches it. */
  const CONNECTIONS: Record<string, (after: string) => string> = {
    'Query.activityStream': (after) => `{ activityStream(after: "${after}") { edges { cursor } } }`,
    'Query.apiKeys': (after) => `{ apiKeys(after: "${after}") { edges { cursor } } }`,
    'Query.contacts': (after) => `{ contacts(after: "${after}") { edges { cursor } } }`,
    'Query.conversations': (after) => `{ conversations(after: "${after}") { edges { cursor } } }`,
    'Query.flows': (after) => `{ flows(after: "${after}") { edges { cursor } } }`,
    'Query.users': (after) => `{ users(after: "${after}") { edges { cursor } } }`,
    'Query.webhookEndpoints': (after) => `{ webhookEndpoints(after: "${after}") { edges { cursor } } }`,
    'Query.webhookDeliveries': (after) => `{ webhookDeliveries(endpointId: "${ids.endpoint}", after: "${after}") { edges { cursor } } }`,
    'Contact.activity': (after) => `{ contact(id: "${ids.contact}") { activity(after: "${after}") { edges { cursor } } } }`,
    'Contact.conversations': (after) => `{ contact(id: "${ids.contact}") { conversations(after: "${after}") { edges { cursor } } } }`,
    'Conversation.messages': (after) => `{ conversation(id: "${ids.conversation}") { messages(after: "${after}") { edges { cursor } } } }`,
    'Flow.versions': (after) => `{ flow(id: "${ids.flow}") { versions(after: "${after}") { edges { cursor } } } }`,
    'WebhookEndpoint.deliveries': (after) => `{ webhookEndpoints { edges { node { deliveries(after: "${after}") { edges { cursor } } } } } }`,
  };
  const SUBSCRIPTIONS: Record<string, (after: string) => string> = {
    'Subscription.activityEvents': (after) => `subscription { activityEvents(after: "${after}") { id } }`,
    'Subscription.conversationEvents': (after) => `subscription { conversationEvents(conversationId: "${ids.conversation}", after: "${after}") { cursor } }`,
  };

  const subscriptionErrors = (query: string, token = admin.token) =>
    Promise.race([
      wsExecute(app.wsClient(`Bearer ${token}`), query).then(
        (result) => result.errors ?? [],
        (errors: { message: string; extensions?: { code: string } }[]) => errors,
      ),
      new Promise<[]>((resolve) => setTimeout(() => resolve([]), 3000)),
    ]);

  it('covers every connection and stream of the schema', async () => {
    const schema = buildClientSchema((await app.gql<IntrospectionQuery>(getIntrospectionQuery())).data!);
    const withAfter = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).filter((field) => field.args.some((arg) => arg.name === 'after')).map((field) => `${type.name}.${field.name}`));
    expect(withAfter.sort()).toEqual([...Object.keys(CONNECTIONS), ...Object.keys(SUBSCRIPTIONS)].sort());
  });

  it('refuses a cursor that is not a position, on every connection, and still pages with real cursors', async () => {
    const failures: string[] = [];
    for (const [name, query] of Object.entries(CONNECTIONS)) {
      // Messages page by their number in the conversation, so there [1] is a position and a UUID is not.
      const bads = name === 'Conversation.messages' ? [...BAD_CURSORS.filter((bad) => bad !== cursor([1])), cursor([uuidv7()])] : BAD_CURSORS;
      for (const bad of bads) {
        const result = await app.gql(query(bad), {}, admin.token);
        if (result.status >= 500 || result.errors?.[0]?.extensions?.code !== 'BAD_USER_INPUT') failures.push(`${name} ${bad}: ${result.status} ${JSON.stringify(result.errors)}`);
      }
    }
    for (const [name, query] of Object.entries(SUBSCRIPTIONS)) {
      for (const bad of BAD_CURSORS) {
        const errors = await subscriptionErrors(query(bad));
        if (errors[0]?.extensions?.code !== 'BAD_USER_INPUT') failures.push(`${name} ${bad}: ${JSON.stringify(errors)}`);
      }
    }
    expect(failures).toEqual([]);
    const page = await app.gql(`{ conversation(id: "${ids.conversation}") { messages(first: 1) { pageInfo { endCursor } } } }`, {}, admin.token);
    const next = await app.gql(CONNECTIONS['Conversation.messages'](page.data!.conversation.messages.pageInfo.endCursor), {}, admin.token);
    expect(next.errors).toBeUndefined();
  });

  it('refuses an activity feed cursor of another account, or past the end of the feed, and resumes from a real one', async () => {
    const FEED = `subscription($after: String) { activityEvents(after: $after) { cursor type } }`;
    const other = await signUpAccount(app, 'Other');
    await enableLiveChat(app, other.accountId);
    const otherFlow = await publishFlow(app, other.token);
    await startVisitor(app, otherFlow);
    const theirs = await collect(app.wsClient(`Bearer ${other.token}`), FEED, { after: null });
    await theirs.waitFor((event) => event.type === 'CONVERSATION_STARTED');
    const foreign = theirs.events.at(-1).cursor as string;
    theirs.dispose();

    const ours = await collect(app.wsClient(`Bearer ${admin.token}`), FEED, { after: null });
    await ours.waitFor((event) => event.type === 'CONVERSATION_STARTED');
    const last = ours.events.at(-1).cursor as string;
    ours.dispose();
    // Positions have gaps (see activity-positions.ts): far beyond the last one is past the end.
    const pastTheEnd = Buffer.from(Buffer.from(last, 'base64url').toString().replace(/:(\d+)$/, (_match, position: string) => `:${Number(position) + 1e12}`)).toString('base64url');

    for (const after of [foreign, pastTheEnd]) {
      const refused = await collect(app.wsClient(`Bearer ${admin.token}`), FEED, { after });
      await expect(refused.waitFor(() => true, 2000)).rejects.toThrow(/BAD_USER_INPUT/);
    }
    const resumed = await collect(app.wsClient(`Bearer ${admin.token}`), FEED, { after: ours.events[0].cursor });
    await resumed.waitFor((event) => event.cursor === last);
    resumed.dispose();
  });

  it('answers a validly signed token whose subject or account is not a UUID with UNAUTHENTICATED', async () => {
    const secret = app.runtime.config.JWT_SECRET;
    const sign = (audience: string, subject: string, account: string) => jwt.sign({ acc: account }, secret, { algorithm: 'HS256', subject, issuer: 'chatonce', audience, expiresIn: 60 });
    const accountUuid = dbId(admin.accountId);
    const tokens = [
      sign('chatonce:user', 'not-a-uuid', accountUuid),
      sign('chatonce:user', uuidv7(), 'not-a-uuid'),
      sign('chatonce:visitor', "x' or 1=1", accountUuid),
      sign('chatonce:visitor', '', accountUuid),
    ];
    for (const token of tokens) {
      const overHttp = await app.gql('{ me { id } }', {}, token);
      expect({ status: overHttp.status, code: overHttp.errors?.[0].extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      const codes: number[] = [];
      await expect(wsExecute(app.wsClient(`Bearer ${token}`, { onClose: (code) => codes.push(code) }), '{ __typename }')).rejects.toBeDefined();
      expect(codes).toEqual([4403]);
    }
    const visitor = await startVisitor(app, ids.flow);
    expect((await send(app, visitor.token, visitor.conversationId, { optionKey: 'pricing' })).userErrors).toEqual([]);
  });

  it('refuses bad variables on a websocket subscribe as BAD_USER_INPUT', async () => {
    const query = `subscription($id: ID!, $after: String) { conversationEvents(conversationId: $id, after: $after) { cursor } }`;
    for (const variables of [{}, { id: true, after: null }, { id: ids.conversation, after: { nested: true } }, { id: [ids.conversation] }]) {
      const errors = await wsExecute(app.wsClient(`Bearer ${admin.token}`), query, variables).then(
        () => [],
        (rejected: { extensions: { code: string } }[]) => rejected,
      );
      expect({ variables, code: errors[0]?.extensions.code }).toEqual({ variables, code: 'BAD_USER_INPUT' });
    }
  });
});
