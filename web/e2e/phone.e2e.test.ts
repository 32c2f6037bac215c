import type { Browser } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { expectNoSidewaysScroll, expectOnScreen, inboxItem, lowContrastTexts, startLiveChatScene, type LiveChatScene, newAgentPage, newVisitorPage, screenshot, signIn, turnAcceptingOn, visitorAsksForHuman, visitorSays, type Phone } from './browser';

describe.each<Phone>([
  { width: 320, height: 640 },
  { width: 375, height: 740 },
])('the inbox and the widget on a %o phone', (phone) => {
  let app: TestApp;
  let browser: Browser;
  let flowId: string;
  let agent: { email: string };
  let scene: LiveChatScene | undefined;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser, flowId } = scene);
    agent = scene.agent;
  });
  afterAll(() => scene?.close());

  it('lets an agent and a visitor chat by touch, focus where the next step is, nothing cut off, scrolling sideways or under AA contrast', async () => {
    const ana = await newAgentPage(browser, app.url, { phone });
    await signIn(ana.page, agent.email, TEST_PASSWORD);
    // After sign-in the focus is on the page's content, not on a form that is gone.
    await ana.page.waitForFunction(() => document.activeElement?.id === 'main');
    await turnAcceptingOn(ana.page);
    await expectNoSidewaysScroll(ana.page);
    await expectOnScreen(ana.page, [ana.page.getByRole('button', { name: 'Sign out' }), ana.page.getByRole('switch', { name: 'Accepting chats' })]);
    // The header keeps to two short rows, leaving the screen to the chats.
    expect((await ana.page.locator('.topbar').boundingBox())!.height).toBeLessThanOrEqual(100);

    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitor.page.getByText('What brings you here today?').waitFor();
    await expectNoSidewaysScroll(visitor.page);
    await expectOnScreen(visitor.page, [visitor.page.getByRole('button', { name: 'Send' }), visitor.page.getByRole('button', { name: /close/i })]);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');

    const item = inboxItem(ana.page, 'Grace Hopper');
    await item.waitFor();
    // The waiting count is announced to screen readers, not only drawn as a badge.
    await ana.page.getByRole('status').filter({ hasText: '1 chat waiting in the inbox' }).waitFor({ state: 'attached' });
    await expectNoSidewaysScroll(ana.page);
    await expectOnScreen(ana.page, [item.getByRole('button', { name: 'Accept' })]);
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    if (phone.width === 375) await screenshot(ana.page, 'inbox-375');
    await item.getByRole('button', { name: 'Accept' }).tap();
    await ana.page.waitForURL(/\/chats\//);

    // Accepted: the composer has the focus, ready for the greeting.
    await ana.page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Message');
    const composer = ana.page.getByLabel('Message');
    await composer.fill('Hi Grace, how can I help?');
    await expectNoSidewaysScroll(ana.page);
    await expectOnScreen(ana.page, [composer, ana.page.getByRole('button', { name: 'Send' }), ana.page.getByRole('button', { name: 'End chat' })]);
    await ana.page.getByRole('button', { name: 'Send' }).tap();
    const greeting = visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'how can I help' });
    await greeting.waitFor();
    // Every widget message says when it was written.
    expect(await greeting.getByTestId('chatonce-time').innerText()).toMatch(/^\d{1,2}:\d{2}( ?[AP]M)?$/i);
    await visitorSays(visitor.page, 'Just checking prices.');
    await ana.page.locator('[data-testid="message"][data-author="VISITOR"]', { hasText: 'Just checking prices' }).waitFor();
    await expectNoSidewaysScroll(visitor.page);
    await expectOnScreen(visitor.page, [visitor.page.getByRole('button', { name: 'Send' }), visitor.page.getByRole('button', { name: /close/i })]);
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    if (phone.width === 375) {
      await screenshot(ana.page, 'conversation-375');
      await screenshot(visitor.page, 'widget-375');
    }
    await Promise.all([ana.context.close(), visitor.context.close()]);
  });
});
