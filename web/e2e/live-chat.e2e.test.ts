import type { Browser, Page } from 'playwright-core';
import { createSignedInUser, TEST_PASSWORD } from '../../api/src/test/fixtures';
import { demoSteps, publishFlow, setAccepting } from '../../api/src/test/live-chat-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { cspViolations, inboxItem, lowContrastTexts, startLiveChatScene, type LiveChatScene, newAgentPage, newVisitorPage, screenshot, signIn, turnAcceptingOn, visitorAsksForHuman, visitorSays } from './browser';

const TIMEOUT_MESSAGE = 'Sorry, everyone is busy right now. We’ll get back to you by email soon.';


describe('the inbox and the widget in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let flowId: string;
  let quickFlowId: string;
  let agents: { email: string; token: string }[];
  let scene: LiveChatScene | undefined;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser, flowId } = scene);
    const { admin } = scene;
    quickFlowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 2, timeoutMessage: TIMEOUT_MESSAGE }));
    agents = [await createSignedInUser(app, admin.token, 'AGENT'), await createSignedInUser(app, admin.token, 'AGENT')];
  });
  afterAll(() => scene?.close());

  it('hands a visitor to the first agent who accepts; the other agent’s inbox loses the chat at once', async () => {
    const [ana, ben] = await Promise.all(agents.map(() => newAgentPage(browser, app.url)));
    await signIn(ana.page, agents[0].email, TEST_PASSWORD);
    await signIn(ben.page, agents[1].email, TEST_PASSWORD);
    await turnAcceptingOn(ana.page);
    await turnAcceptingOn(ben.page);

    const visitor = await newVisitorPage(browser, app.url, flowId);
    await visitor.page.getByText('What brings you here today?').waitFor();
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');

    // Both agents see the chat arrive, with the visitor's details and answers.
    for (const agent of [ana, ben]) {
      const item = inboxItem(agent.page, 'Grace Hopper');
      await item.waitFor();
      await item.getByText('grace@example.com').waitFor();
      await item.getByText('11–50').waitFor();
      await item.getByTestId('countdown').waitFor();
    }
    expect(await lowContrastTexts(ben.page)).toEqual([]);
    await screenshot(ben.page, 'inbox');

    await inboxItem(ana.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    await inboxItem(ben.page, 'Grace Hopper').waitFor({ state: 'detached' });
    await visitor.page.getByTestId('chatonce-status').getByText(/Chatting with/).waitFor();

    // Messages both ways.
    const composer = ana.page.getByLabel('Message');
    await composer.fill('Hi Grace, I can help with pricing. How many dashboards do you need?');
    await composer.press('Enter');
    await visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'How many dashboards' }).waitFor();
    await visitorSays(visitor.page, 'About twenty, shared with the whole team.');
    await ana.page.locator('[data-testid="message"][data-author="VISITOR"]', { hasText: 'About twenty' }).waitFor();
    await ana.page.getByTestId('transcript').locator('[data-author="BOT"]').first().waitFor();
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    await screenshot(ana.page, 'conversation');
    await screenshot(visitor.page, 'widget');

    // A reload resumes the same chat, with the whole transcript and the live connection.
    await visitor.page.reload();
    await visitor.page.getByTestId('chatonce-widget').waitFor();
    await visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'How many dashboards' }).waitFor();
    await visitor.page.getByText('What brings you here today?').waitFor();
    await composer.fill('Still there after your reload?');
    await composer.press('Enter');
    await visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'after your reload' }).waitFor();

    // The agent ends the chat; the visitor sees it end.
    await ana.page.getByRole('button', { name: 'End chat' }).click();
    await ana.page.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await visitor.page.getByTestId('chatonce-status').getByText('Chat ended').waitFor();
    await Promise.all([ana.context.close(), ben.context.close(), visitor.context.close()]);
  });

  it('removes an unanswered chat after its timeout; the visitor is told and the activity stream shows it', async () => {
    const { context, page } = await newAgentPage(browser, app.url);
    await signIn(page, agents[0].email, TEST_PASSWORD);
    await turnAcceptingOn(page);
    const visitor = await newVisitorPage(browser, app.url, quickFlowId);
    await visitorAsksForHuman(visitor.page, 'Alan Turing', 'alan@example.com');
    await inboxItem(page, 'Alan Turing').waitFor();
    await inboxItem(page, 'Alan Turing').waitFor({ state: 'detached', timeout: 10_000 });
    await visitor.page.getByText(TIMEOUT_MESSAGE).waitFor();
    await visitor.page.getByTestId('chatonce-status').getByText('No one was available').waitFor();

    await page.getByRole('link', { name: 'Activity' }).click();
    const timedOut = page.locator('[data-testid="activity-item"][data-type="LIVE_CHAT_TIMED_OUT"]').first();
    await timedOut.waitFor();
    await timedOut.getByText('Alan Turing').waitFor();
    expect(await lowContrastTexts(page)).toEqual([]);
    await screenshot(page, 'activity');
    await timedOut.getByRole('link', { name: 'Alan Turing' }).click();
    const contactPage = page.getByTestId('contact-page');
    await contactPage.getByText(TIMEOUT_MESSAGE).waitFor();
    await Promise.all([context.close(), visitor.context.close()]);
  });

  it('tells an agent who lost the race that someone else accepted first, then clears the banner by itself', async () => {
    const ben = await newAgentPage(browser, app.url);
    await signIn(ben.page, agents[1].email, TEST_PASSWORD);
    await turnAcceptingOn(ben.page);
    await setAccepting(app, agents[0].token);
    const visitor = await newVisitorPage(browser, app.url, flowId);
    await visitor.page.getByText('What brings you here today?').waitFor();
    await visitorAsksForHuman(visitor.page, 'Ada Lovelace', 'ada@example.com');
    const item = inboxItem(ben.page, 'Ada Lovelace');
    await item.waitFor();

    // Ben presses Accept; the other agent's accept reaches the server just before his.
    await ben.page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: { conversationId?: string } } | null;
      if (body?.operationName === 'AcceptChat') {
        const taken = await app.gql(`mutation($id: ID!) { acceptChat(conversationId: $id) { userErrors { code } } }`, { id: body.variables?.conversationId }, agents[0].token);
        expect(taken.data?.acceptChat.userErrors).toEqual([]);
      }
      await route.continue();
    });
    await item.getByRole('button', { name: 'Accept' }).click();
    const banner = ben.page.getByRole('alert').filter({ hasText: 'Someone else accepted this chat first.' });
    await banner.waitFor();
    await item.waitFor({ state: 'detached' });
    // It clears itself: nothing is left to act on.
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await Promise.all([ben.context.close(), visitor.context.close()]);
  });

  it('raises a browser notification for an incoming chat while the tab is hidden', async () => {
    const { context, page } = await newAgentPage(browser, app.url, { notifications: true });
    await signIn(page, agents[1].email, TEST_PASSWORD);
    await turnAcceptingOn(page);
    await page.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const visitor = await newVisitorPage(browser, app.url, flowId);
    await visitorAsksForHuman(visitor.page, 'Ada Lovelace', 'ada@example.com');
    await page.waitForFunction(() => (window as unknown as { __notifications: unknown[] }).__notifications.length > 0, undefined, { timeout: 10_000 });
    const [raised] = await page.evaluate(() => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications);
    expect(raised.title).toBe('New chat waiting');
    expect(raised.body).toContain('Ada Lovelace');
    expect(await page.title()).toMatch(/^\(1\) /);
    await Promise.all([context.close(), visitor.context.close()]);
  });

  it('ran every page above without a Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
