import type { Browser } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import { accept, setAccepting } from '../../api/src/test/live-chat-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, visitorAsksForHuman, visitorSays, type LiveChatScene } from './browser';

describe('the activity stream in a real browser', () => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;
  let flowId: string;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser, flowId } = scene);
  });
  afterAll(() => scene?.close());

  it('shows new events as they happen, with each conversation’s live messages folded into one row', async () => {
    const { agent } = scene!;
    await setAccepting(app, agent.token);
    const { context, page } = await newAgentPage(browser, app.url);
    await signIn(page, agent.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    const item = (type: string) => page.locator(`[data-testid="activity-item"][data-type="${type}"]`);

    // Nothing reloads the page from here on: every row below arrives through activityEvents.
    const visitor = await newVisitorPage(browser, app.url, flowId);
    await visitorAsksForHuman(visitor.page, 'Katherine Johnson', 'katherine@example.com');
    await item('LIVE_CHAT_REQUESTED').filter({ hasText: 'Katherine Johnson' }).waitFor();

    const waiting = await app.gql<{ liveChatInbox: { id: string }[] }>(`{ liveChatInbox { id } }`, {}, agent.token);
    const conversationId = waiting.data!.liveChatInbox[0].id;
    expect((await accept(app, agent.token, conversationId)).userErrors).toEqual([]);
    await item('LIVE_CHAT_ACCEPTED').filter({ hasText: 'Katherine Johnson' }).waitFor();

    const say = (body: string) => app.gql(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { userErrors { code } } }`, { input: { conversationId, body } }, agent.token);
    await say('Hello Katherine, how can I help?');
    await visitor.page.getByText('Hello Katherine, how can I help?').waitFor();
    await visitorSays(visitor.page, 'We need a plan for 30 people.');
    await visitorSays(visitor.page, 'And single sign-on.');

    const folded = item('MESSAGES').filter({ hasText: 'Katherine Johnson' });
    await folded.getByText('3 messages').waitFor();
    await folded.getByText('2 from the visitor, 1 from an agent').waitFor();
    expect(await item('MESSAGES').count()).toBe(1);
    expect(await item('MESSAGE_CREATED').count()).toBe(0);
    // The folded row sits above the acceptance, which sits above the request.
    const order = await page.locator('[data-testid="activity-item"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')));
    expect(order.indexOf('MESSAGES')).toBeLessThan(order.indexOf('LIVE_CHAT_ACCEPTED'));
    expect(order.indexOf('LIVE_CHAT_ACCEPTED')).toBeLessThan(order.indexOf('LIVE_CHAT_REQUESTED'));

    // An event between messages starts a new row for the messages after it.
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: conversationId }, agent.token);
    await item('LIVE_CHAT_ENDED').filter({ hasText: 'Katherine Johnson' }).waitFor();
    expect(await lowContrastTexts(page)).toEqual([]);
    await screenshot(page, 'activity-live');

    // A reload folds the same way from the stored stream.
    await page.reload();
    await item('MESSAGES').filter({ hasText: 'Katherine Johnson' }).getByText('3 messages').waitFor();
    await Promise.all([context.close(), visitor.context.close()]);
  });
});
