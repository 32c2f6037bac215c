import type { Browser, Page } from 'playwright-core';
import { eventually } from '../../api/src/test/eventually';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import { setAccepting } from '../../api/src/test/live-chat-fixtures';
import { namedUser } from '../../api/src/test/team-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { expectNoSidewaysScroll, expectOnScreen, inboxItem, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, toTop, turnAcceptingOn, visitorAsksForHuman, type LiveChatScene, type Phone } from './browser';

const userRow = (page: Page, name: string) => page.getByTestId('user').filter({ has: page.locator('.admin-item__title', { hasText: new RegExp(`^${name}( \\(you\\))?$`) }) });

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['320 px phone', { width: 320, height: 640 }],
])('the Users page (%s)', (_screen, phone) => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;
  const shot = (name: string) => (phone ? `${name}-320` : name);

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('an admin adds a user, changes role and capacity, deactivates an agent mid-chat (signed out, refused, the chat back in the inbox) and reactivates her', async () => {
    const { admin, flowId } = scene!;
    const anaUser = await namedUser(app, admin.token, 'Ana');
    const benUser = await namedUser(app, admin.token, 'Ben');
    await setAccepting(app, benUser.token, true);

    // Ana is in a chat with Grace.
    const ana = await newAgentPage(browser, app.url, { phone });
    await signIn(ana.page, anaUser.email, TEST_PASSWORD);
    await turnAcceptingOn(ana.page);
    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    await inboxItem(ana.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    await visitor.page.getByTestId('chatonce-status').getByText('Chatting with Ana').waitFor();
    // Agents are not shown the admin pages, and are told so at their address.
    expect(await ana.page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await ana.page.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await ana.page.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    const peek = await newAgentPage(browser, app.url, { phone });
    await signIn(peek.page, benUser.email, TEST_PASSWORD);
    await peek.page.goto('/users');
    await peek.page.getByText('Only admins can open this page').waitFor();
    await peek.context.close();

    const boss = await newAgentPage(browser, app.url, { phone });
    await signIn(boss.page, admin.email, TEST_PASSWORD);
    await boss.page.getByRole('link', { name: 'Users' }).click();
    await boss.page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await userRow(boss.page, 'Ana').waitFor();
    // Your own row offers no deactivation.
    expect(await userRow(boss.page, 'Ada Admin').getByRole('button', { name: /Deactivate/ }).count()).toBe(0);

    // Adding Cara: a short password is refused with the reason, then she is added.
    const form = boss.page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Name').fill('Cara');
    await form.getByLabel('Email').fill(`cara-${Date.now()}@example.com`);
    await form.getByLabel('Initial password').fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.getByRole('alert').getByText('Use at least 10 characters.').waitFor();
    await form.getByLabel('Initial password').fill(TEST_PASSWORD);
    await form.getByRole('button', { name: 'Add user' }).click();
    await boss.page.getByTestId('users-notice').getByText('Cara was added.', { exact: false }).waitFor();
    const cara = userRow(boss.page, 'Cara');
    await cara.waitFor();

    // Her role, then her capacity.
    await cara.getByLabel('Role of Cara').selectOption('ADMIN');
    const roleOf = async (name: string) => {
      const result = await app.gql(`{ users(first: 100) { edges { node { name role maxConcurrentChats } } } }`, {}, admin.token);
      return result.data!.users.edges.map((edge: { node: { name: string } }) => edge.node).find((node: { name: string }) => node.name === name);
    };
    expect((await eventually(() => roleOf('Cara'), (user) => user?.role === 'ADMIN'))?.role).toBe('ADMIN');
    await cara.getByLabel('Role of Cara').selectOption('AGENT');
    expect((await eventually(() => roleOf('Cara'), (user) => user?.role === 'AGENT'))?.role).toBe('AGENT');
    await cara.getByRole('button', { name: /^Change Cara’s capacity/ }).click();
    await cara.getByLabel('Most chats at once for Cara').fill('3');
    await cara.getByRole('button', { name: 'Save' }).click();
    await cara.getByTestId('user-capacity').getByText('Chats: 0 / 3').waitFor();
    expect((await roleOf('Cara'))?.maxConcurrentChats).toBe(3);

    if (phone) {
      await expectNoSidewaysScroll(boss.page);
      await expectOnScreen(boss.page, [userRow(boss.page, 'Ana').getByRole('button', { name: 'Deactivate Ana' }), cara.getByLabel('Role of Cara')]);
    }
    expect(await lowContrastTexts(boss.page)).toEqual([]);
    await toTop(boss.page);
    await screenshot(boss.page, shot('users'));

    // Ben opens his inbox: nothing waits yet.
    const ben = await newAgentPage(browser, app.url, { phone });
    await signIn(ben.page, benUser.email, TEST_PASSWORD);
    await turnAcceptingOn(ben.page);
    expect(await inboxItem(ben.page, 'Grace Hopper').count()).toBe(0);

    // Deactivating Ana, who is chatting with Grace.
    boss.page.once('dialog', (dialog) => {
      expect(dialog.message()).toBe('Deactivate Ana? They are signed out at once and cannot sign in; their active chat goes back to the inbox.');
      void dialog.accept();
    });
    await userRow(boss.page, 'Ana').getByRole('button', { name: 'Deactivate Ana' }).click();
    await boss.page.getByTestId('users-notice').getByText('Ana was deactivated. 1 chat went back to the inbox.').waitFor();
    // Ana is signed out at once (her websocket closed), and told why.
    await ana.page.waitForURL(/\/login$/, { timeout: 10_000 });
    await ana.page.getByText('An admin of your account deactivated your user, so you were signed out.').waitFor();
    await ana.page.locator('input[name="email"]').fill(anaUser.email);
    await ana.page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await ana.page.getByRole('button', { name: 'Sign in' }).click();
    await ana.page.getByRole('alert').getByText('This user has been deactivated. Ask an admin of your account to reactivate you.').waitFor();
    // Grace waits again, told in her words; the chat rings in Ben's inbox.
    await visitor.page.locator('[data-testid="chatonce-message"]', { hasText: 'Ana had to leave. Someone else will join you shortly.' }).waitFor();
    await visitor.page.getByTestId('chatonce-status').getByText('Waiting for someone to join…').waitFor();
    await inboxItem(ben.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await visitor.page.getByTestId('chatonce-status').getByText('Chatting with Ben').waitFor();

    // Ana is listed among the deactivated, and comes back.
    expect(await userRow(boss.page, 'Ana').count()).toBe(0);
    await boss.page.getByTestId('users-filter').selectOption('deactivated');
    const gone = userRow(boss.page, 'Ana');
    await gone.getByText('Deactivated', { exact: true }).waitFor();
    expect(await gone.getAttribute('data-active')).toBe('false');
    expect(await userRow(boss.page, 'Ben').count()).toBe(0);
    await gone.scrollIntoViewIfNeeded();
    await screenshot(boss.page, shot('users-deactivated'));
    await gone.getByRole('button', { name: 'Reactivate Ana' }).click();
    await boss.page.getByTestId('users-notice').getByText('Ana can sign in again.').waitFor();
    await gone.waitFor({ state: 'detached' });
    await signIn(ana.page, anaUser.email, TEST_PASSWORD);
    await Promise.all([ana.context.close(), ben.context.close(), boss.context.close(), visitor.context.close()]);
  });
});
