import { Contact } from '../contacts/contact.entity';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount } from '../test/fixtures';
import { publishFlow, send } from '../test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { identitySignature } from './identity.service';

const ROTATE = `mutation { rotateIdentitySecret { secret account { identitySecretRotatedAt } userErrors { code } } }`;
const START = /* GraphQL */ `
  mutation($input: StartConversationInput!) {
    startConversation(input: $input) { conversation { id } visitorToken userErrors { code field } }
  }
`;
const CONTACT_OF = /* GraphQL */ `
  query($id: ID!) { conversation(id: $id) { contact { id name email verified externalUserId conversations(first: 10) { totalCount } } } }
`;

describe('verified visitors (identity on startConversation)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function account() {
    const admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    return { admin, flowId };
  }
  const start = (flowId: string, identity?: Record<string, unknown>) => app.gql(START, { input: { flowId, ...(identity ? { identity } : {}) } });
  const contactOf = async (conversationId: string, token: string) => (await app.gql(CONTACT_OF, { id: conversationId }, token)).data!.conversation.contact;

  it('refuses an identity until the account has a secret, and one signed with another secret', async () => {
    const { admin, flowId } = await account();
    const unsigned = await start(flowId, { userId: 'u-1', signature: 'ab'.repeat(32) });
    expect(unsigned.data!.startConversation).toMatchObject({ conversation: null, userErrors: [{ code: 'IDENTITY_NOT_CONFIGURED', field: ['input', 'identity'] }] });
    const rotated = (await app.gql(ROTATE, {}, admin.token)).data!.rotateIdentitySecret;
    expect(rotated.secret).toMatch(/^cis_[A-Za-z0-9_-]{43}$/);
    expect(rotated.account.identitySecretRotatedAt).not.toBeNull();
    for (const signature of [identitySignature('u-1', 'another secret'), 'not hex', identitySignature('u-2', rotated.secret)]) {
      const refused = await start(flowId, { userId: 'u-1', signature });
      expect(refused.data!.startConversation).toMatchObject({ conversation: null, userErrors: [{ code: 'INVALID_IDENTITY', field: ['input', 'identity', 'signature'] }] });
    }
    // The secret is stored sealed, never in clear, and never readable through the API.
    const stored = await app.runtime.orm.em.fork().getConnection().execute('select identity_secret_sealed from accounts where id = ?', [dbId(admin.accountId)]);
    expect(stored[0].identity_secret_sealed).not.toContain(rotated.secret);
    const fields = await app.gql(`{ __type(name: "Account") { fields { name } } }`);
    expect(JSON.stringify(fields.data)).not.toContain('identitySecretSealed');
    // Rotating again: the old secret's signatures stop verifying at once.
    const next = (await app.gql(ROTATE, {}, admin.token)).data!.rotateIdentitySecret.secret;
    expect((await start(flowId, { userId: 'u-1', signature: identitySignature('u-1', rotated.secret) })).data!.startConversation.userErrors).toEqual([{ code: 'INVALID_IDENTITY', field: ['input', 'identity', 'signature'] }]);
    expect((await start(flowId, { userId: 'u-1', signature: identitySignature('u-1', next) })).data!.startConversation.userErrors).toEqual([]);
  });

  it('a verified visitor joins their contact and its history; the bot does not ask again', async () => {
    const { admin, flowId } = await account();
    const secret = (await app.gql(ROTATE, {}, admin.token)).data!.rotateIdentitySecret.secret;
    const identity = { userId: 'crm-42', email: 'Ada@Example.com', name: 'Ada Lovelace', signature: identitySignature('crm-42', secret) };
    const first = (await start(flowId, identity)).data!.startConversation;
    const second = (await start(flowId, identity)).data!.startConversation;
    const contact = await contactOf(second.conversation.id, admin.token);
    expect(contact).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', verified: true, externalUserId: 'crm-42', conversations: { totalCount: 2 } });
    expect((await contactOf(first.conversation.id, admin.token)).id).toBe(contact.id);
    // Through to the live-chat offer: name and email are known, so the hand-off comes at once.
    for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }]) await send(app, second.visitorToken, second.conversation.id, input);
    const accepted = await send(app, second.visitorToken, second.conversation.id, { optionKey: 'accept' });
    expect(accepted.conversation!.status).toBe('WAITING');
  });

  it('two first visits of one user at once make one contact', async () => {
    const { admin, flowId } = await account();
    const secret = (await app.gql(ROTATE, {}, admin.token)).data!.rotateIdentitySecret.secret;
    const identity = { userId: 'same-user', email: 'same@example.com', signature: identitySignature('same-user', secret) };
    const started = await Promise.all([1, 2, 3, 4].map(() => start(flowId, identity)));
    expect(started.map((result) => result.data!.startConversation.userErrors)).toEqual([[], [], [], []]);
    const contacts = await app.runtime.orm.em.fork().find(Contact, { account: dbId(admin.accountId), externalUserId: 'same-user' });
    expect(contacts).toHaveLength(1);
  });

  it('a verified email takes over the unverified contact that had it; an unverified visitor can never claim a verified one', async () => {
    const { admin, flowId } = await account();
    const secret = (await app.gql(ROTATE, {}, admin.token)).data!.rotateIdentitySecret.secret;
    // An unverified visitor gave grace@ first.
    const earlier = (await start(flowId)).data!.startConversation;
    for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { optionKey: 'accept' }, { body: 'Grace' }, { body: 'grace@example.com' }]) await send(app, earlier.visitorToken, earlier.conversation.id, input);
    const unverified = await contactOf(earlier.conversation.id, admin.token);
    expect(unverified.verified).toBe(false);
    // The site then vouches for grace@: that contact becomes hers.
    const verifiedStart = (await start(flowId, { userId: 'g-1', email: 'grace@example.com', signature: identitySignature('g-1', secret) })).data!.startConversation;
    const verified = await contactOf(verifiedStart.conversation.id, admin.token);
    expect(verified).toMatchObject({ id: unverified.id, verified: true, externalUserId: 'g-1', conversations: { totalCount: 2 } });

    // Someone else types her email without a signature: their conversation keeps its own contact.
    const intruder = (await start(flowId)).data!.startConversation;
    for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { optionKey: 'accept' }, { body: 'Not Grace' }, { body: 'grace@example.com' }]) await send(app, intruder.visitorToken, intruder.conversation.id, input);
    const theirs = await contactOf(intruder.conversation.id, admin.token);
    expect(theirs.id).not.toBe(verified.id);
    expect(theirs).toMatchObject({ verified: false, name: 'Not Grace' });
    expect(await contactOf(verifiedStart.conversation.id, admin.token)).toMatchObject({ name: 'Grace', conversations: { totalCount: 2 } });
  });

  it('only an admin signed in as a user rotates the secret', async () => {
    const { admin } = await account();
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    expect((await app.gql(ROTATE, {}, agent.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const key = (await app.gql(`mutation { createApiKey(input: { name: "k" }) { secret } }`, {}, admin.token)).data!.createApiKey.secret;
    expect((await app.gql(ROTATE, {}, key)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
