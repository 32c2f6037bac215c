import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import { setAccepting, visitorToInbox } from '../../api/src/test/live-chat-fixtures';
import { namedUser } from '../../api/src/test/team-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { expectNoSidewaysScroll, expectOnScreen, inboxItem, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, visitorAsksForHuman, type LiveChatScene, type Phone } from './browser';

const member = (page: Page, name: string) => page.getByTestId('team-member').filter({ has: page.locator('.team-member__name', { hasText: new RegExp(`^${name}( \\(you\\))?$`) }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['320 px phone', { width: 320, height: 640 }],
])('a sales team works a chat (%s)', (screen, phone) => {
  let app: TestApp;
  let browser: Browser;
  let flowId: string;
  let scene: LiveChatScene | undefined;
  const shot = (name: string) => (phone ? `${name}-${phone.width}` : name);

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser, flowId } = scene);
  });
  afterAll(() => scene?.close());

  it('Ana transfers a chat to Ben with a note; Ben gets it in My chats with the note; the visitor reads that Ben joined; the Team page shows who is accepting, their load and what waits; the admin switches Ben off', async () => {
    const adminToken = scene!.admin.token;
    const anaUser = await namedUser(app, adminToken, 'Ana');
    const benUser = await namedUser(app, adminToken, 'Ben');
    // Cara is accepting but full: she is not offered as a target.
    const cara = await namedUser(app, adminToken, 'Cara');
    await setAccepting(app, cara.token, true);
    await app.gql(`mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }`, { input: { userId: cara.userId, maxConcurrentChats: 1 } }, adminToken);
    const caraChat = await visitorToInbox(app, flowId, 'Busy Visitor', 'busy@example.com');
    await app.gql(`mutation($id: ID!) { acceptChat(conversationId: $id) { userErrors { code } } }`, { id: caraChat.conversationId }, cara.token);

    const ana = await newAgentPage(browser, app.url, { phone });
    await signIn(ana.page, anaUser.email, TEST_PASSWORD);
    await turnAcceptingOn(ana.page);
    const ben = await newAgentPage(browser, app.url, { phone });
    await signIn(ben.page, benUser.email, TEST_PASSWORD);
    await turnAcceptingOn(ben.page);
    await ben.page.getByRole('link', { name: 'My chats' }).click();
    await ben.page.getByText('No active chats').waitFor();

    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitor.page.getByText('What brings you here today?').waitFor();
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    await inboxItem(ana.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    await visitor.page.getByTestId('chatonce-status').getByText('Chatting with Ana').waitFor();

    // Ana opens Transfer: Ben is offered, Cara (full) is not.
    const transferButton = ana.page.getByRole('button', { name: 'Transfer' });
    if (phone) await expectOnScreen(ana.page, transferButton);
    await transferButton.click();
    const dialog = ana.page.getByRole('dialog', { name: 'Transfer this chat' });
    const target = dialog.getByTestId('transfer-target');
    await target.locator('option', { hasText: 'Ben' }).waitFor({ state: 'attached' });
    expect(await target.locator('option').allTextContents()).toEqual(['Choose a teammate…', 'Ben (0 active)']);
    const note = 'Wants annual pricing for 40 seats; send the deck.';
    await dialog.getByLabel('Note for them (optional)').fill(note);
    // Submitting without a choice says what is missing.
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await dialog.getByRole('alert').getByText('Choose who to transfer the chat to.').waitFor();
    // Ben steps away while Ana decides: the refusal is shown, and Ana can try again once he is back.
    await target.selectOption({ label: 'Ben (0 active)' });
    await setAccepting(app, benUser.token, false);
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await dialog.getByRole('alert').getByText('This teammate is not accepting chats right now.').waitFor();
    await dialog.getByTestId('transfer-nobody').waitFor();
    if (phone) await expectNoSidewaysScroll(ana.page);
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    await screenshot(ana.page, shot('transfer-dialog'));
    await setAccepting(app, benUser.token, true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await transferButton.click();
    await dialog.getByTestId('transfer-target').selectOption({ label: 'Ben (0 active)' });
    await dialog.getByLabel('Note for them (optional)').fill(note);
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Ana's page: Ben has the chat now, and she can no longer write in it.
    await ana.page.getByText('Ben is handling this chat.').waitFor();
    await ana.page.getByTestId('conversation-status').getByText('Active').waitFor();
    expect(await ana.page.getByLabel('Message').count()).toBe(0);
    // The team's transcript says who handed it on, with the note.
    await ana.page.locator('[data-testid="message"][data-author="SYSTEM"]', { hasText: `Ana transferred the chat to Ben. Note: ${note}` }).waitFor();

    // Ben: the chat arrives in My chats, live, with the note.
    const benChat = ben.page.getByTestId('my-chat-item').filter({ hasText: 'Grace Hopper' });
    await benChat.waitFor();
    await benChat.getByTestId('transfer-note').getByText(`From Ana: ${note}`).waitFor();
    await benChat.click();
    await ben.page.getByLabel('Message').waitFor();

    // The visitor reads only that Ben joined; never the note.
    await visitor.page.locator('[data-testid="chatonce-message"]', { hasText: 'Ben joined the chat.' }).waitFor();
    await visitor.page.getByTestId('chatonce-status').getByText('Chatting with Ben').waitFor();
    expect(await visitor.page.getByText(note).count()).toBe(0);
    expect(await visitor.page.getByText('transferred').count()).toBe(0);

    // The admin's Team page: who is accepting, their load, and a waiting chat with its age.
    const waiting = await visitorToInbox(app, flowId, 'Walter Waiting', 'walter@example.com');
    const admin = await newAgentPage(browser, app.url, { phone });
    await signIn(admin.page, scene!.admin.email, TEST_PASSWORD);
    await admin.page.getByRole('link', { name: 'Team' }).click();
    await admin.page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await member(admin.page, 'Ben').getByTestId('team-member-status').getByText('Accepting').waitFor();
    expect(await member(admin.page, 'Ben').getByTestId('team-member-load').textContent()).toBe('Active chats: 1 / no limit');
    expect(await member(admin.page, 'Ana').getByTestId('team-member-load').textContent()).toBe('Active chats: 0 / no limit');
    expect(await member(admin.page, 'Cara').getByTestId('team-member-status').textContent()).toBe('Accepting · full');
    expect(await member(admin.page, 'Cara').getByTestId('team-member-load').textContent()).toBe('Active chats: 1 / 1');
    expect(await member(admin.page, 'Ada Admin').getByTestId('team-member-status').textContent()).toBe('Not accepting');
    await admin.page.getByTestId('team-summary').getByText('3 people are accepting chats · 1 waiting').waitFor();
    const waitingRow = admin.page.getByTestId('team-waiting-chat').filter({ hasText: 'Walter Waiting' });
    await waitingRow.waitFor();
    expect(await waitingRow.getAttribute('data-conversation-id')).toBe(waiting.conversationId);
    const age = waitingRow.getByTestId('team-waiting-age');
    const firstAge = await age.textContent();
    expect(firstAge).toMatch(/^Waiting 0:\d\d$/);
    await sleep(1500);
    expect(await age.textContent()).not.toBe(firstAge);
    if (phone) {
      await expectNoSidewaysScroll(admin.page);
      await expectOnScreen(admin.page, member(admin.page, 'Ben').getByRole('button', { name: 'Switch Ben’s accepting chats off' }));
    }
    expect(await lowContrastTexts(admin.page)).toEqual([]);
    await screenshot(admin.page, shot('team'));

    // The page follows changes made elsewhere: a chat Ana accepts leaves the waiting list and adds to her load.
    await app.gql(`mutation($id: ID!) { acceptChat(conversationId: $id) { userErrors { code } } }`, { id: waiting.conversationId }, anaUser.token);
    await waitingRow.waitFor({ state: 'detached', timeout: 10_000 });
    await member(admin.page, 'Ana').getByTestId('team-member-load').getByText('1 / no limit').waitFor({ timeout: 10_000 });

    // The admin caps Ben at two chats from the page.
    await member(admin.page, 'Ben').getByRole('button', { name: /^Change Ben’s capacity/ }).click();
    await member(admin.page, 'Ben').getByLabel('Most chats at once for Ben').fill('2');
    await member(admin.page, 'Ben').getByRole('button', { name: 'Save' }).click();
    await member(admin.page, 'Ben').getByTestId('team-member-load').getByText('1 / 2').waitFor();
    expect(await member(admin.page, 'Ben').getByLabel('Most chats at once for Ben').count()).toBe(0);
    expect((await app.gql(`{ me { maxConcurrentChats } }`, {}, benUser.token)).data!.me.maxConcurrentChats).toBe(2);

    // The admin switches Ben off: the page shows it, and so does the server.
    await member(admin.page, 'Ben').getByRole('button', { name: 'Switch Ben’s accepting chats off' }).click();
    await member(admin.page, 'Ben').getByTestId('team-member-status').getByText('Not accepting').waitFor();
    expect(await member(admin.page, 'Ben').getByRole('button', { name: /Switch Ben/ }).count()).toBe(0);
    expect((await app.gql(`{ me { acceptingChats } }`, {}, benUser.token)).data!.me.acceptingChats).toBe(false);
    // Ben's own switch follows within the viewer's refresh, so he does not believe he is still taking chats.
    await ben.page.waitForFunction(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'false', null, { timeout: 15_000 });
    // An agent's Team page offers no switch.
    await ana.page.getByRole('link', { name: 'Team' }).click();
    await member(ana.page, 'Ana').waitFor();
    expect(await ana.page.getByRole('button', { name: /accepting chats off/ }).count()).toBe(0);

    // The activity stream records the transfer.
    await admin.page.getByRole('link', { name: 'Activity' }).click();
    await admin.page.locator('[data-testid="activity-item"][data-type="LIVE_CHAT_TRANSFERRED"]', { hasText: `Ana → Ben: ${note}` }).waitFor();

    for (const context of [ana.context, ben.context, visitor.context, admin.context]) await context.close();
  });
});
