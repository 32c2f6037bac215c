import type { Browser } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { expectNoSidewaysScroll, expectOnScreen, lowContrastTexts, newAgentPage, screenshot, signIn, startLiveChatScene, toTop, type LiveChatScene, type Phone } from './browser';

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['320 px phone', { width: 320, height: 640 }],
])('the API keys page (%s)', (_screen, phone) => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;
  const shot = (name: string) => (phone ? `${name}-320` : name);

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('an admin creates a key: the secret is shown once with a copy button and a warning, it works, its last use shows, and revoking it stops it', async () => {
    const boss = await newAgentPage(browser, app.url, { phone });
    await boss.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await signIn(boss.page, scene!.admin.email, TEST_PASSWORD);
    await boss.page.getByRole('link', { name: 'API keys' }).click();
    await boss.page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await boss.page.getByText('No API keys yet').waitFor();

    const form = boss.page.getByRole('form', { name: 'Create an API key' });
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByRole('alert').getByText('Name the key after what will use it.').waitFor();
    await form.getByLabel('Name').fill('HubSpot sync');
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = boss.page.getByTestId('shown-once-secret');
    await shown.getByText('Copy it now: it is shown only this once.').waitFor();
    const secret = await shown.getByTestId('secret-value').inputValue();
    expect(secret).toMatch(/^ck_[A-Za-z0-9_-]{40,}$/);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    expect(await boss.page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const row = boss.page.locator('[data-testid="api-key"][data-name="HubSpot sync"]');
    await row.getByTestId('api-key-last-used').getByText('Never used').waitFor();
    expect(await row.textContent()).toContain(secret.slice(0, 10));
    if (phone) {
      await expectNoSidewaysScroll(boss.page);
      await expectOnScreen(boss.page, [shown.getByRole('button', { name: 'Copy' }), shown.getByRole('button', { name: 'I have stored it' })]);
    }
    expect(await lowContrastTexts(boss.page)).toEqual([]);
    await shown.scrollIntoViewIfNeeded();
    await screenshot(boss.page, shot('api-key-created'));

    // The key works; the API never hands its secret out again.
    const me = await app.gql(`{ me { email } }`, {}, secret);
    expect(me.data!.me.email).toBe(scene!.admin.email);
    expect(JSON.stringify(await app.gql(`{ apiKeys { edges { node { id name prefix lastUsedAt } } } }`, {}, scene!.admin.token))).not.toContain(secret);

    // Once dismissed it is gone from the page, and a reload does not bring it back.
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await boss.page.content()).not.toContain(secret);
    await boss.page.reload();
    await row.getByTestId('api-key-last-used').getByText('Last used just now').waitFor();
    expect(await boss.page.content()).not.toContain(secret);
    expect(await boss.page.getByTestId('shown-once-secret').count()).toBe(0);
    await toTop(boss.page);
    await screenshot(boss.page, shot('api-keys'));

    // Revoking: confirmed, shown, and the key authenticates nothing from then on.
    boss.page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Revoke HubSpot sync' }).click();
    await row.getByText(/^Revoked /).waitFor();
    expect(await row.getAttribute('data-revoked')).toBe('true');
    const refused = await app.gql(`{ me { email } }`, {}, secret);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await boss.context.close();
  });
});
