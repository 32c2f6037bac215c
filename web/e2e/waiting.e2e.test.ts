import type { Browser, Page } from 'playwright-core';
import { Conversation } from '../../api/src/conversations/conversation.entity';
import { dbId, TEST_PASSWORD } from '../../api/src/test/fixtures';
import { accept, setAccepting, visitorToInbox } from '../../api/src/test/live-chat-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { inboxItem, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, visitorAsksForHuman, visitorSays, type LiveChatScene, type Phone } from './browser';

const widgetMessages = (page: Page, text: string) => page.locator('[data-testid="chatonce-message"]', { hasText: text });
const agentMessages = (page: Page, text: string) => page.locator('[data-testid="message"]', { hasText: text });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits a moment longer, then checks that `text` is there exactly once: a resend never doubles it. */
async function expectOnce(messages: () => ReturnType<typeof widgetMessages>): Promise<void> {
  await messages().first().waitFor();
  await sleep(1500);
  expect(await messages().count()).toBe(1);
}

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['375 px phone', { width: 375, height: 740 }],
])('the visitor is told the truth (%s)', (screen, phone) => {
  let app: TestApp;
  let browser: Browser;
  let flowId: string;
  let scene: LiveChatScene | undefined;
  let agent: { email: string; token: string };
  const shot = (name: string) => (phone ? `${name}-${phone.width}` : name);

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser, flowId } = scene);
    agent = scene.agent;
    await setAccepting(app, agent.token, true);
  });
  afterAll(() => scene?.close());

  it('shows the place in line, the usual wait and a countdown to the timeout, and moves up as chats ahead are accepted', async () => {
    // One chat accepted earlier after 70 s: chats here are usually answered in about a minute.
    const earlier = await visitorToInbox(app, flowId, 'Earlier Visitor', 'earlier@example.com');
    expect((await accept(app, agent.token, earlier.conversationId)).userErrors).toEqual([]);
    const acceptedAt = new Date(Date.now() - 60_000);
    await app.runtime.orm.em.fork().nativeUpdate(Conversation, dbId(earlier.conversationId), { acceptedAt, waitingSince: new Date(acceptedAt.getTime() - 70_000) });
    app.runtime.services.waitEstimates.clear();
    // Someone is already waiting ahead of our visitor.
    const ahead = await visitorToInbox(app, flowId, 'Ada Ahead', 'ada@example.com');

    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitor.page.getByText('What brings you here today?').waitFor();
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');

    // "While I find someone" comes once, after the details, as the chat starts waiting.
    const texts = await visitor.page.getByTestId('chatonce-message').allTextContents();
    const handoff = texts.findIndex((text) => text.includes('While I find someone'));
    expect(handoff).toBeGreaterThan(texts.findIndex((text) => text.includes('grace@example.com')));
    expect(texts.filter((text) => text.includes('While I find someone'))).toHaveLength(1);

    const place = visitor.page.getByTestId('chatonce-queue-place');
    const countdown = visitor.page.getByTestId('chatonce-queue-countdown');
    await place.getByText('You are number 2 in line · usually answered in about 1 min').waitFor();
    // The scene's flow waits ten minutes: the countdown starts just under 10:00 and ticks down.
    await countdown.getByText(/^We’ll keep looking for 9:[0-5]\d more$/).waitFor();
    const before = await countdown.textContent();
    await sleep(2100);
    expect(await countdown.textContent()).not.toBe(before);
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    await screenshot(visitor.page, shot('widget-waiting'));

    // The chat ahead is accepted: our visitor is next.
    expect((await accept(app, agent.token, ahead.conversationId)).userErrors).toEqual([]);
    await place.getByText(/^You are next in line/).waitFor({ timeout: 10_000 });

    // Accepted: the line and the countdown go.
    expect((await accept(app, agent.token, (await visitorConversationId(visitor.page))!)).userErrors).toEqual([]);
    await visitor.page.getByTestId('chatonce-status').getByText(/Chatting with/).waitFor();
    await visitor.page.getByTestId('chatonce-queue').waitFor({ state: 'hidden' });
    await visitor.context.close();
  });

  it('keeps messages sent while offline as "Sending…" until they are delivered once; the agent is told the connection is lost; each reads the ending in their own words', async () => {
    const ana = await newAgentPage(browser, app.url, { phone });
    await signIn(ana.page, agent.email, TEST_PASSWORD);
    await turnAcceptingOn(ana.page);
    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitor.page.getByText('What brings you here today?').waitFor();
    await visitorAsksForHuman(visitor.page, 'Linus Offline', 'linus@example.com');
    await inboxItem(ana.page, 'Linus Offline').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    await visitor.page.getByTestId('chatonce-status').getByText(/Chatting with/).waitFor();

    // The visitor's connection drops while they write: the message stays, "Sending…".
    await visitor.context.setOffline(true);
    await visitorSays(visitor.page, 'Written while offline');
    const pending = visitor.page.getByTestId('chatonce-pending');
    await pending.filter({ hasText: 'Written while offline' }).getByText(/sending…/i).waitFor();
    await sleep(2000);
    expect(await pending.filter({ hasText: 'Written while offline' }).count()).toBe(1);
    expect(await agentMessages(ana.page, 'Written while offline').count()).toBe(0);
    await screenshot(visitor.page, shot('widget-sending-offline'));
    // Back online: sent by itself, once.
    await visitor.context.setOffline(false);
    await expectOnce(() => agentMessages(ana.page, 'Written while offline'));
    await pending.waitFor({ state: 'detached' });
    await expectOnce(() => widgetMessages(visitor.page, 'Written while offline'));

    // The API cannot be reached, and the visitor reloads the page before it can: still kept, then sent.
    await visitor.page.route('**/graphql', (route) => route.abort('internetdisconnected'));
    await visitorSays(visitor.page, 'Written before a reload');
    await pending.filter({ hasText: 'Written before a reload' }).getByText(/sending…/i).waitFor();
    await visitor.page.reload();
    await visitor.page.getByTestId('chatonce-widget').waitFor();
    await pending.filter({ hasText: 'Written before a reload' }).getByText(/sending…/i).waitFor();
    await visitor.page.unroute('**/graphql');
    await expectOnce(() => agentMessages(ana.page, 'Written before a reload'));
    await pending.waitFor({ state: 'detached', timeout: 15_000 });
    await expectOnce(() => widgetMessages(visitor.page, 'Written before a reload'));

    // The agent's connection drops: their message says so, and Retry sends it once it is back.
    await ana.context.setOffline(true);
    const composer = ana.page.getByLabel('Message');
    await composer.fill('Sorry, my connection dropped');
    await composer.press('Enter');
    const failed = ana.page.getByTestId('pending-message').filter({ hasText: 'Sorry, my connection dropped' });
    await failed.getByText('Not sent: connection lost — Retry').waitFor();
    // The header says so at once (the browser's offline event), not after a ping times out.
    await ana.page.getByTestId('connection-status').getByText('Reconnecting…').waitFor({ timeout: 2_000 });
    expect(await failed.textContent()).not.toContain('Failed to fetch');
    await screenshot(ana.page, shot('conversation-not-sent'));
    await ana.context.setOffline(false);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expectOnce(() => widgetMessages(visitor.page, 'Sorry, my connection dropped'));
    await failed.waitFor({ state: 'detached' });

    // The visitor ends the chat: "You ended the chat." for them, "The visitor ended the chat." for the agent.
    await visitor.page.getByRole('button', { name: 'End chat' }).click();
    await visitor.page.getByTestId('chatonce-confirm-end').getByRole('button', { name: 'End chat' }).click();
    await widgetMessages(visitor.page, 'You ended the chat.').waitFor();
    expect(await widgetMessages(visitor.page, 'The visitor ended the chat.').count()).toBe(0);
    await agentMessages(ana.page, 'The visitor ended the chat.').waitFor();
    expect(await agentMessages(ana.page, 'You ended the chat.').count()).toBe(0);
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    await Promise.all([ana.context.close(), visitor.context.close()]);
  });
});

/** The conversation the widget on this page follows (from its stored chat). */
async function visitorConversationId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith('chatonce:widget:')) return (JSON.parse(localStorage.getItem(key)!) as { conversationId?: string }).conversationId;
    }
    return undefined;
  });
}
