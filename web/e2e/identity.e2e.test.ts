import type { Browser } from 'playwright-core';
import { identitySignature } from '../../api/src/identity/identity.service';
import type { TestApp } from '../../api/src/test/test-app';
import { newVisitorPage, startLiveChatScene, type LiveChatScene, type Phone } from './browser';

describe.each<Phone | undefined>([undefined, { width: 320, height: 640 }])('a verified visitor in the widget (%o)', (phone) => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('the site’s signed identity reaches the contact, and the bot does not ask for name and email', async () => {
    const { admin } = scene!;
    const secret = (await app.gql(`mutation { rotateIdentitySecret { secret } }`, {}, admin.token)).data!.rotateIdentitySecret.secret as string;
    const userId = `crm-${phone ? 'phone' : 'desk'}`;
    const identity = { userId, email: `${userId}@example.com`, name: 'Katherine Johnson', signature: identitySignature(userId, secret) };
    const visitor = await newVisitorPage(browser, app.url, scene!.flowId, phone, { identity });
    await visitor.page.getByRole('button', { name: 'Pricing for my team' }).click();
    await visitor.page.getByRole('button', { name: '11–50' }).click();
    await visitor.page.getByRole('button', { name: 'Yes, connect me' }).click();
    await visitor.page.getByTestId('chatonce-status').getByText('Waiting for someone to join…').waitFor();
    expect(await visitor.page.getByText('what’s your name?').count()).toBe(0);

    const contacts = await app.gql(`query($email: String) { contacts(first: 5, filter: { email: $email }) { edges { node { name verified externalUserId } } } }`, { email: identity.email }, admin.token);
    expect(contacts.data!.contacts.edges).toEqual([{ node: { name: 'Katherine Johnson', verified: true, externalUserId: userId } }]);
    await visitor.context.close();
  });
});
