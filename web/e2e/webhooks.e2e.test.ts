import type { Browser } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import { startVisitor } from '../../api/src/test/live-chat-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { startReceiver } from '../../api/src/test/webhook-receiver';
import { verifyWebhook } from '../../api/src/webhooks/signature';
import { expectNoSidewaysScroll, expectOnScreen, lowContrastTexts, newAgentPage, screenshot, signIn, startLiveChatScene, toTop, type LiveChatScene, type Phone } from './browser';

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['320 px phone', { width: 320, height: 640 }],
])('the Webhooks pages (%s)', (_screen, phone) => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;
  const shot = (name: string) => (phone ? `${name}-320` : name);

  beforeAll(async () => {
    // The receiver listens on 127.0.0.1, and retries come quickly.
    scene = await startLiveChatScene({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_RETRY_DELAYS_SECONDS: '0.3,0.3,0.3' });
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('an admin adds an endpoint with chosen events (its secret shown once), reads its deliveries with attempts and response codes, redelivers one and disables the endpoint', async () => {
    // The first request is answered 500, the rest 200.
    const receiver = await startReceiver([{ status: 500 }]);
    try {
      const boss = await newAgentPage(browser, app.url, { phone });
      await signIn(boss.page, scene!.admin.email, TEST_PASSWORD);
      await boss.page.getByRole('link', { name: 'Webhooks' }).click();
      await boss.page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
      await boss.page.getByText('No webhook endpoints yet').waitFor();

      const form = boss.page.getByRole('form', { name: 'Add a webhook endpoint' });
      await form.getByLabel('URL').fill(receiver.url);
      await form.getByLabel('Description (optional)').fill('Lead sync to our CRM');
      // Everything is ticked at first; choosing two events means unticking "all".
      await form.getByLabel('All events, present and future').uncheck();
      await form.getByRole('button', { name: 'Add endpoint' }).click();
      await form.getByRole('alert').getByText('Choose at least one event type (or ALL).').waitFor();
      await form.getByLabel('conversation.started').check();
      await form.getByLabel('live_chat.requested').check();
      if (phone) await expectNoSidewaysScroll(boss.page);
      await form.getByRole('button', { name: 'Add endpoint' }).click();

      const shown = boss.page.getByTestId('shown-once-secret');
      await shown.getByText('Copy it now: it is shown only this once.').waitFor();
      const secret = await shown.getByTestId('secret-value').inputValue();
      expect(secret).toMatch(/^whsec_/);
      if (phone) await expectOnScreen(boss.page, shown.getByRole('button', { name: 'Copy' }));
      await shown.getByRole('button', { name: 'I have stored it' }).click();
      await shown.waitFor({ state: 'detached' });
      expect(await boss.page.content()).not.toContain(secret);

      const endpoint = boss.page.locator(`[data-testid="webhook-endpoint"][data-url="${receiver.url}"]`);
      await endpoint.getByTestId('webhook-events').getByText('conversation.started, live_chat.requested').waitFor();
      await endpoint.getByTestId('webhook-status').getByText('Enabled').waitFor();
      expect(await lowContrastTexts(boss.page)).toEqual([]);
      await toTop(boss.page);
      await screenshot(boss.page, shot('webhooks'));

      // A visitor starts a chat: the first attempt is answered 500, the retry 200, both signed with that secret.
      const visitor = await startVisitor(app, scene!.flowId);
      const hooks = await receiver.waitFor((hook) => hook.json.data.conversation?.id === visitor.conversationId, 2);
      for (const hook of hooks) expect(verifyWebhook(secret, hook.headers as Record<string, string>, hook.body)).toBe(true);
      expect(new Set(hooks.map((hook) => hook.headers['webhook-id'])).size).toBe(1);

      await endpoint.getByRole('link', { name: /^Deliveries to/ }).click();
      await boss.page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
      const delivery = boss.page.locator('[data-testid="webhook-delivery"]').filter({ hasText: 'conversation.started' });
      await delivery.getByTestId('webhook-delivery-status').getByText('Delivered').waitFor({ timeout: 15_000 });
      expect(await delivery.getByTestId('webhook-attempt').evaluateAll((items) => items.map((item) => item.getAttribute('data-response-status')))).toEqual(['500', '200']);
      await delivery.getByText(/#1 .*: HTTP 500 in \d+ ms/).waitFor();
      await delivery.getByText('2 attempts · last answered 200', { exact: false }).waitFor();
      if (phone) {
        await expectNoSidewaysScroll(boss.page);
        await expectOnScreen(boss.page, delivery.getByRole('button', { name: /^Redeliver/ }));
      }
      expect(await lowContrastTexts(boss.page)).toEqual([]);
      await toTop(boss.page);
      await screenshot(boss.page, shot('webhook-deliveries'));

      // Redeliver: the same webhook-id again, and a third attempt on the page.
      await delivery.getByRole('button', { name: /^Redeliver conversation\.started/ }).click();
      const again = await receiver.waitFor((hook) => hook.json.data.conversation?.id === visitor.conversationId, 3);
      expect(again[2].headers['webhook-id']).toBe(hooks[0].headers['webhook-id']);
      expect(verifyWebhook(secret, again[2].headers as Record<string, string>, again[2].body)).toBe(true);
      await delivery.getByText('3 attempts · last answered 200', { exact: false }).waitFor({ timeout: 15_000 });
      await delivery.getByTestId('webhook-delivery-status').getByText('Delivered').waitFor();

      // Disable, then enable again, from the list.
      await boss.page.getByRole('link', { name: '← Webhooks' }).click();
      await endpoint.getByRole('button', { name: `Disable ${receiver.url}` }).click();
      await endpoint.getByTestId('webhook-status').getByText('Disabled').waitFor();
      const stored = await app.gql(`{ webhookEndpoints { edges { node { url enabled } } } }`, {}, scene!.admin.token);
      expect(stored.data!.webhookEndpoints.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ url: receiver.url, enabled: false }]);
      await endpoint.getByRole('button', { name: `Enable ${receiver.url}` }).click();
      await endpoint.getByTestId('webhook-status').getByText('Enabled').waitFor();
      await boss.context.close();
    } finally {
      await receiver.close();
    }
  });
});
