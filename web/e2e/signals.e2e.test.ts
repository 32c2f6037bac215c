import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { inboxItem, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, visitorAsksForHuman, visitorSays, type LiveChatScene, type Phone } from './browser';

const agentMessage = (page: Page, text: string) => page.locator('[data-testid="message"][data-author="AGENT"]', { hasText: text });
const widgetAgentMessage = (page: Page, text: string) => page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: text });

/** The site's own title, whatever count the widget put in front of it. */
const SITE_TITLE = 'Acme Analytics: dashboards your team will read';

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['375 px phone', { width: 375, height: 740 }],
  ['320 px phone', { width: 320, height: 640 }],
])('a live chat that feels live (%s)', (screen, phone) => {
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

  it('shows typing both ways, presence, "Seen", and unread messages on the launcher and in the title', async () => {
    const ana = await newAgentPage(browser, app.url, { phone });
    await signIn(ana.page, agent.email, TEST_PASSWORD);
    await turnAcceptingOn(ana.page);
    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    const item = inboxItem(ana.page, 'Grace Hopper');
    await item.waitFor();
    // The waiting card shows whether the visitor is still there.
    await item.locator('[data-testid="presence-dot"][data-presence="ONLINE"]').waitFor();
    await item.getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    await visitor.page.getByTestId('chatonce-status').getByText(/Chatting with/).waitFor();

    // The widget is open on a visible page: the header says so.
    const presence = ana.page.getByTestId('visitor-presence');
    await presence.filter({ hasText: 'Online' }).waitFor();

    // The visitor types: the agent sees it above the composer (no preview: the account did not opt in).
    await visitor.page.getByLabel('Type your message').fill('I have a question about');
    const visitorTyping = ana.page.getByTestId('visitor-typing');
    await visitorTyping.filter({ hasText: 'Visitor is typing…' }).waitFor();
    expect(await visitorTyping.innerText()).not.toContain('question');
    // The widget never shows the visitor their own typing.
    expect(await visitor.page.getByTestId('chatonce-typing').isVisible()).toBe(false);
    // Sending stops it.
    await visitor.page.getByLabel('Type your message').press('Enter');
    await ana.page.locator('[data-testid="message"][data-author="VISITOR"]', { hasText: 'I have a question about' }).waitFor();
    await visitorTyping.waitFor({ state: 'detached' });

    // With the account's "sneak peek" on, the agent reads the draft as it is typed.
    const optIn = await app.gql(`mutation { updateAccountSettings(input: { typingPreview: true }) { userErrors { code } } }`, {}, scene!.admin.token);
    expect(optIn.data!.updateAccountSettings.userErrors).toEqual([]);
    await visitor.page.getByLabel('Type your message').pressSequentially('Do you offer discounts', { delay: 120 });
    await visitorTyping.filter({ hasText: /Visitor is typing….*“Do you offer discounts”/ }).waitFor();
    if (!phone) await screenshot(ana.page, 'conversation-typing-preview');
    await visitor.page.getByLabel('Type your message').press('Enter');
    await visitorTyping.waitFor({ state: 'detached' });

    // The agent types: the visitor sees who.
    const composer = ana.page.getByLabel('Message');
    await composer.fill('Sure, ask away');
    const agentTyping = visitor.page.getByTestId('chatonce-typing');
    await agentTyping.filter({ hasText: 'Test AGENT is typing…' }).waitFor();
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    if (!phone) await screenshot(visitor.page, 'widget-agent-typing');
    await composer.press('Enter');
    await widgetAgentMessage(visitor.page, 'Sure, ask away').waitFor();
    await agentTyping.waitFor({ state: 'hidden' });

    // The widget is open and visible, so the visitor has read it: "Seen" under the agent's message.
    await agentMessage(ana.page, 'Sure, ask away').getByTestId('seen').waitFor();
    expect(await ana.page.getByTestId('seen').count()).toBe(1);
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    if (!phone) await screenshot(ana.page, 'conversation-seen');

    // The visitor closes the panel: new messages count on the launcher and in the page title.
    await visitor.page.getByRole('button', { name: 'Close chat' }).click();
    await composer.fill('Are you still there?');
    await composer.press('Enter');
    await composer.fill('Here is our pricing page.');
    await composer.press('Enter');
    const unread = visitor.page.getByTestId('chatonce-unread');
    await unread.filter({ hasText: '2' }).waitFor();
    await visitor.page.waitForFunction((title) => document.title === `(2) ${title}`, SITE_TITLE);
    // Not read yet: "Seen" stays under the first message.
    await agentMessage(ana.page, 'Sure, ask away').getByTestId('seen').waitFor();
    if (phone?.width === 375) await screenshot(visitor.page, 'widget-unread-375');

    // Opening the panel reads them: the count goes, the title is the site's again, the agent sees "Seen" move.
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    await widgetAgentMessage(visitor.page, 'Here is our pricing page.').waitFor();
    await visitor.page.waitForFunction((title) => document.title === title, SITE_TITLE);
    expect(await unread.isVisible()).toBe(false);
    await agentMessage(ana.page, 'Here is our pricing page.').getByTestId('seen').waitFor();
    expect(await ana.page.getByTestId('seen').count()).toBe(1);

    // The visitor closes the tab: within seconds the header says Offline, with when they were last seen.
    await visitor.context.close();
    await presence.filter({ hasText: /Offline · last seen/ }).waitFor({ timeout: 15_000 });
    if (!phone) await screenshot(ana.page, 'conversation-visitor-offline');

    // My chats shows the same, as a dot.
    await ana.page.getByRole('link', { name: /My chats/ }).first().click();
    await ana.page.getByTestId('my-chat-item').filter({ hasText: 'Grace Hopper' }).locator('[data-testid="presence-dot"][data-presence="OFFLINE"]').waitFor();
    await ana.context.close();
  });
});
