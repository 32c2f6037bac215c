import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Account } from '../../api/src/accounts/account.entity';
import { dbId, TEST_PASSWORD } from '../../api/src/test/fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { inboxItem, launchBrowser, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, visitorAsksForHuman, visitorSays, type LiveChatScene, type Phone } from './browser';

interface Recorded {
  __sounds: number;
  __notifications: { title: string; body?: string; tag?: string }[];
  __hidden: boolean;
}

/** Counts the sounds the inbox plays: each chime is one gain node on the page's AudioContext. */
async function countSounds(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __sounds: number };
    w.__sounds = 0;
    const createGain = BaseAudioContext.prototype.createGain;
    BaseAudioContext.prototype.createGain = function (this: BaseAudioContext) {
      w.__sounds++;
      return createGain.call(this);
    };
  });
}

const sounds = (page: Page) => page.evaluate(() => (window as unknown as Recorded).__sounds);
const notifications = (page: Page) => page.evaluate(() => (window as unknown as Recorded).__notifications);
const waitForSounds = (page: Page, atLeast: number, timeout = 10_000) =>
  page.waitForFunction((n) => (window as unknown as Recorded).__sounds >= n, atLeast, { timeout });

async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    (window as unknown as Recorded).__hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** Follows a link of the main navigation (a bar under the header on phones). */
const navigate = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

describe.each<{ name: string; phone?: Phone }>([{ name: 'desktop' }, { name: '375 px phone', phone: { width: 375, height: 740 } }])('alerts that do not let a chat go unanswered ($name)', ({ phone }) => {
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

  /** The account's reminder interval, set directly: below what updateAccountSettings allows, to keep the test short. */
  const setReminderSeconds = (seconds: number | null) => app.runtime.orm.em.fork().nativeUpdate(Account, { id: dbId(scene!.admin.accountId) }, { reminderSeconds: seconds });

  async function agentPage() {
    const agentSide = await newAgentPage(browser, app.url, { notifications: true, phone });
    await countSounds(agentSide.context);
    await signIn(agentSide.page, agent.email, TEST_PASSWORD);
    await turnAcceptingOn(agentSide.page);
    return agentSide;
  }

  it('counts new visitor messages of my chats in the title, on "My chats" and per chat, with a sound and a notification, until I open the chat', async () => {
    const ana = await agentPage();
    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    await inboxItem(ana.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    const chatUrl = ana.page.url();
    await visitor.page.getByTestId('chatonce-status').getByText(/Chatting with/).waitFor();

    // In the chat, visible: a message is read as it arrives.
    const before = await sounds(ana.page);
    await visitorSays(visitor.page, 'Hello there');
    await ana.page.locator('[data-testid="message"][data-author="VISITOR"]', { hasText: 'Hello there' }).waitFor();
    await ana.page.waitForTimeout(300);
    expect(await ana.page.title()).toBe('ChatOnce inbox');
    expect(await sounds(ana.page)).toBe(before);

    // On another page: each message rings, notifies and counts.
    await navigate(ana.page, 'Activity');
    await ana.page.waitForURL(/\/activity/);
    await visitorSays(visitor.page, 'Are you there?');
    await visitorSays(visitor.page, 'We have 30 people.');
    await ana.page.waitForFunction(() => document.title === '(2) ChatOnce inbox');
    const badge = ana.page.getByTestId('my-chats-unread');
    expect(await badge.innerText()).toBe('2');
    expect(await badge.getAttribute('aria-label')).toBe('2 unread messages');
    await ana.page.getByRole('status').filter({ hasText: '2 unread messages in My chats' }).waitFor({ state: 'attached' });
    expect(await sounds(ana.page)).toBe(before + 2);
    const raised = (await notifications(ana.page)).filter((n) => n.title === 'New message from Grace Hopper');
    expect(raised.map((n) => n.body)).toEqual(['Are you there?', 'We have 30 people.']);
    expect(await lowContrastTexts(ana.page)).toEqual([]);

    // "My chats" shows which chat, and the last message.
    await navigate(ana.page, 'My chats');
    const item = ana.page.getByTestId('my-chat-item').filter({ hasText: 'Grace Hopper' });
    await item.getByText('We have 30 people.').waitFor();
    expect(await item.getByTestId('chat-unread').innerText()).toBe('2');
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    await screenshot(ana.page, phone ? 'my-chats-unread-375' : 'my-chats-unread');

    // Opening the chat clears it all.
    await item.getByRole('link').click();
    await ana.page.waitForURL(chatUrl);
    await ana.page.waitForFunction(() => document.title === 'ChatOnce inbox');
    await badge.waitFor({ state: 'detached' });

    // The chat open but the tab hidden: counted and notified; back in view, read.
    await setHidden(ana.page, true);
    await visitorSays(visitor.page, 'Hello?');
    await ana.page.waitForFunction(() => document.title === '(1) ChatOnce inbox');
    await waitForSounds(ana.page, before + 3);
    expect((await notifications(ana.page)).at(-1)).toMatchObject({ title: 'New message from Grace Hopper', body: 'Hello?' });
    await setHidden(ana.page, false);
    await ana.page.waitForFunction(() => document.title === 'ChatOnce inbox');
    await badge.waitFor({ state: 'detached' });

    await ana.page.getByRole('button', { name: 'End chat' }).click();
    await ana.page.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await visitor.page.getByTestId('chatonce-status').getByText('Chat ended').waitFor();
    await Promise.all([ana.context.close(), visitor.context.close()]);
  });

  it('shows how long each chat has waited, and rings again at every REMINDER until it is accepted', async () => {
    await setReminderSeconds(2);
    try {
      const ana = await agentPage();
      const visitor = await newVisitorPage(browser, app.url, flowId, phone);
      await visitorAsksForHuman(visitor.page, 'Alan Turing', 'alan@example.com');
      const item = inboxItem(ana.page, 'Alan Turing');
      await item.waitFor();
      const waited = item.getByTestId('waited');
      expect(await waited.innerText()).toMatch(/^Waiting \d s$/);
      // Live: the figure grows while the card is on screen.
      const first = Number((await waited.innerText()).match(/(\d+) s/)![1]);
      await ana.page.waitForFunction(
        ([id, from]) => Number(document.querySelector(`[data-conversation-id="${id}"] [data-testid="waited"]`)?.textContent?.match(/(\d+) s/)?.[1]) >= from + 2,
        [await item.getAttribute('data-conversation-id'), first] as const,
      );

      // The ADDED chime, then one per reminder while the chat waits, visible tab or not.
      await waitForSounds(ana.page, 1);
      const afterAdded = await sounds(ana.page);
      await waitForSounds(ana.page, afterAdded + 1, 5000);
      await setHidden(ana.page, true);
      await ana.page.waitForFunction(() => (window as unknown as Recorded).__notifications.some((n) => n.title === 'Chat still waiting'), undefined, { timeout: 5000 });
      const reminder = (await notifications(ana.page)).find((n) => n.title === 'Chat still waiting')!;
      expect(reminder.body).toMatch(/^Alan Turing has waited \d+ s$/);
      await setHidden(ana.page, false);

      await item.getByRole('button', { name: 'Accept' }).click();
      await ana.page.waitForURL(/\/chats\//);
      const afterAccept = await sounds(ana.page);
      await ana.page.waitForTimeout(4500);
      expect(await sounds(ana.page)).toBe(afterAccept);

      await ana.page.getByRole('button', { name: 'End chat' }).click();
      await ana.page.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
      await visitor.page.getByTestId('chatonce-status').getByText('Chat ended').waitFor();
      await Promise.all([ana.context.close(), visitor.context.close()]);
    } finally {
      await setReminderSeconds(null);
    }
  });

  it('after a reload where autoplay is blocked, says "Click anywhere to enable sound" until the first click, then rings', async () => {
    // Chromium's default policy: no sound before the user's first gesture on the page.
    const ana = await agentPage();
    await ana.page.reload();
    await turnAcceptingOn(ana.page);
    const hint = ana.page.getByTestId('sound-hint');
    await hint.getByText('Click anywhere to enable sound').waitFor();
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    await screenshot(ana.page, phone ? 'sound-hint-375' : 'sound-hint');

    if (phone) await ana.page.getByRole('heading', { name: 'Inbox' }).tap();
    else await ana.page.getByRole('heading', { name: 'Inbox' }).click();
    await hint.waitFor({ state: 'detached' });

    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitorAsksForHuman(visitor.page, 'Ada Lovelace', 'ada@example.com');
    await inboxItem(ana.page, 'Ada Lovelace').waitFor();
    await waitForSounds(ana.page, 1);
    await inboxItem(ana.page, 'Ada Lovelace').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    await Promise.all([ana.context.close(), visitor.context.close()]);
  });

  it('after a reload where autoplay is allowed, rings without a click and shows no hint', async () => {
    const allowing = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
    try {
      const ana = await newAgentPage(allowing, app.url, { phone });
      await countSounds(ana.context);
      await signIn(ana.page, agent.email, TEST_PASSWORD);
      await turnAcceptingOn(ana.page);
      await ana.page.reload();
      await ana.page.getByRole('switch', { name: 'Accepting chats' }).waitFor();

      const visitor = await newVisitorPage(browser, app.url, flowId, phone);
      await visitorAsksForHuman(visitor.page, 'Edsger Dijkstra', 'edsger@example.com');
      await inboxItem(ana.page, 'Edsger Dijkstra').waitFor();
      await waitForSounds(ana.page, 1);
      expect(await ana.page.getByTestId('sound-hint').count()).toBe(0);
      await inboxItem(ana.page, 'Edsger Dijkstra').getByRole('button', { name: 'Accept' }).click();
      await ana.page.waitForURL(/\/chats\//);
      await Promise.all([ana.context.close(), visitor.context.close()]);
    } finally {
      await allowing.close();
    }
  });
});
