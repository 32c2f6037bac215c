import { createSignedInUser, signUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateCannedResponseInput!) {
    createCannedResponse(input: $input) { cannedResponse { id shortcut title body } userErrors { code field } }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateCannedResponseInput!) {
    updateCannedResponse(input: $input) { cannedResponse { id shortcut title body } userErrors { code field } }
  }
`;
const DELETE = /* GraphQL */ `
  mutation Delete($id: ID!) {
    deleteCannedResponse(id: $id) { deletedCannedResponseId userErrors { code field } }
  }
`;
const LIST = `{ cannedResponses { id shortcut title body } }`;

describe('saved replies (cannedResponses)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('admins create, change and delete them; every user of the account lists them by shortcut', async () => {
    const admin = await signUpAccount(app);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    const pricing = await app.gql(CREATE, { input: { shortcut: '/Pricing', title: 'Pricing', body: 'Hi {{visitor.name}}, our plans start at $49.' } }, admin.token);
    expect(pricing.data!.createCannedResponse.userErrors).toEqual([]);
    // The leading "/" is what the composer types; the shortcut is stored without it, lowercase.
    expect(pricing.data!.createCannedResponse.cannedResponse).toMatchObject({ shortcut: 'pricing', title: 'Pricing' });
    const hello = await app.gql(CREATE, { input: { shortcut: 'hello', title: 'Greeting', body: 'Hello! I am {{agent.name}}.' } }, admin.token);
    const helloId = hello.data!.createCannedResponse.cannedResponse.id;

    const listed = await app.gql(LIST, {}, agent.token);
    expect(listed.data!.cannedResponses.map((reply: { shortcut: string }) => reply.shortcut)).toEqual(['hello', 'pricing']);

    const changed = await app.gql(UPDATE, { input: { id: helloId, body: 'Hi there!' } }, admin.token);
    expect(changed.data!.updateCannedResponse).toEqual({ cannedResponse: { id: helloId, shortcut: 'hello', title: 'Greeting', body: 'Hi there!' }, userErrors: [] });

    const deleted = await app.gql(DELETE, { id: helloId }, admin.token);
    expect(deleted.data!.deleteCannedResponse).toEqual({ deletedCannedResponseId: helloId, userErrors: [] });
    expect((await app.gql(LIST, {}, agent.token)).data!.cannedResponses.map((reply: { shortcut: string }) => reply.shortcut)).toEqual(['pricing']);
    const again = await app.gql(DELETE, { id: helloId }, admin.token);
    expect(again.data!.deleteCannedResponse.userErrors).toEqual([{ code: 'CANNED_RESPONSE_NOT_FOUND', field: ['input', 'id'] }]);
  });

  it('refuses bad input with a code per field and changes nothing', async () => {
    const admin = await signUpAccount(app);
    const bad = await app.gql(CREATE, { input: { shortcut: 'no spaces!', title: ' ', body: 'x'.repeat(5001) } }, admin.token);
    expect(bad.data!.createCannedResponse).toEqual({
      cannedResponse: null,
      userErrors: [
        { code: 'INVALID_SHORTCUT', field: ['input', 'shortcut'] },
        { code: 'INVALID_TITLE', field: ['input', 'title'] },
        { code: 'INVALID_BODY', field: ['input', 'body'] },
      ],
    });
    const first = await app.gql(CREATE, { input: { shortcut: 'demo', title: 'Demo', body: 'Book a demo.' } }, admin.token);
    const taken = await app.gql(CREATE, { input: { shortcut: 'DEMO', title: 'Other', body: 'Other.' } }, admin.token);
    expect(taken.data!.createCannedResponse.userErrors).toEqual([{ code: 'SHORTCUT_TAKEN', field: ['input', 'shortcut'] }]);
    const other = await app.gql(CREATE, { input: { shortcut: 'other', title: 'Other', body: 'Other.' } }, admin.token);
    const renamed = await app.gql(UPDATE, { input: { id: other.data!.createCannedResponse.cannedResponse.id, shortcut: 'demo' } }, admin.token);
    expect(renamed.data!.updateCannedResponse.userErrors).toEqual([{ code: 'SHORTCUT_TAKEN', field: ['input', 'shortcut'] }]);
    const list = (await app.gql(LIST, {}, admin.token)).data!.cannedResponses;
    expect(list).toEqual([
      { id: first.data!.createCannedResponse.cannedResponse.id, shortcut: 'demo', title: 'Demo', body: 'Book a demo.' },
      { id: other.data!.createCannedResponse.cannedResponse.id, shortcut: 'other', title: 'Other', body: 'Other.' },
    ]);
  });

  it('agents may not manage them, and another account neither sees nor changes them', async () => {
    const admin = await signUpAccount(app);
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    const outsider = await signUpAccount(app);
    const created = await app.gql(CREATE, { input: { shortcut: 'secret', title: 'Secret', body: 'Internal pricing.' } }, admin.token);
    const id = created.data!.createCannedResponse.cannedResponse.id;

    const byAgent = await app.gql(CREATE, { input: { shortcut: 'mine', title: 'Mine', body: 'Mine.' } }, agent.token);
    expect(byAgent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(LIST, {}, outsider.token)).data!.cannedResponses).toEqual([]);
    const foreign = await app.gql(UPDATE, { input: { id, body: 'Changed by B' } }, outsider.token);
    expect(foreign.data!.updateCannedResponse.userErrors).toEqual([{ code: 'CANNED_RESPONSE_NOT_FOUND', field: ['input', 'id'] }]);
    const removed = await app.gql(DELETE, { id }, outsider.token);
    expect(removed.data!.deleteCannedResponse.userErrors).toEqual([{ code: 'CANNED_RESPONSE_NOT_FOUND', field: ['input', 'id'] }]);
    expect((await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, outsider.token)).data!.node).toBeNull();
    expect((await app.gql(LIST, {}, admin.token)).data!.cannedResponses).toEqual([{ id, shortcut: 'secret', title: 'Secret', body: 'Internal pricing.' }]);
  });
});
