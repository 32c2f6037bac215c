import type { Browser } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import { FlowStepKind } from '../../api/src/flows/flow-step.types';
import { accept, demoSteps, publishFlow, setAccepting } from '../../api/src/test/live-chat-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, visitorAsksForHuman, type LiveChatScene, type Phone } from './browser';

describe.each<Phone | undefined>([undefined, { width: 320, height: 640 }])('rating a chat in a real browser (%o)', (phone) => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('after the agent ends the chat the visitor gives stars and a comment, once; the agent reads it', async () => {
    const { agent } = scene!;
    await setAccepting(app, agent.token);
    const visitor = await newVisitorPage(browser, app.url, scene!.flowId, phone);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    const waiting = await app.gql<{ liveChatInbox: { id: string }[] }>(`{ liveChatInbox { id } }`, {}, agent.token);
    const conversationId = waiting.data!.liveChatInbox[0].id;
    await accept(app, agent.token, conversationId);
    // No rating while the chat is live.
    await visitor.page.getByTestId('chatonce-status').getByText(/Chatting with/).waitFor();
    expect(await visitor.page.getByTestId('chatonce-rating').count()).toBe(0);
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: conversationId }, agent.token);

    const rating = visitor.page.getByTestId('chatonce-rating');
    await rating.getByText('How was your chat with Test AGENT?').waitFor();
    await rating.getByRole('radio', { name: '4 of 5: Good' }).click();
    await rating.getByLabel('Anything to add? (optional)').fill('Quick and helpful');
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    await screenshot(visitor.page, phone ? 'widget-rating-320' : 'widget-rating');
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await visitor.page.getByTestId('chatonce-rating-thanks').waitFor();
    // After a reload the stars do not come back: the server has the rating.
    await visitor.page.reload();
    await visitor.page.getByTestId('chatonce-rating-thanks').waitFor();
    expect(await visitor.page.getByRole('radio', { name: /of 5/ }).count()).toBe(0);

    const { context, page } = await newAgentPage(browser, app.url);
    await signIn(page, agent.email, TEST_PASSWORD);
    await page.goto(`${app.url}/chats/${encodeURIComponent(conversationId)}`);
    await page.getByTestId('rating').getByText('The visitor rated it 4 out of 5: “Quick and helpful”').waitFor();
    await Promise.all([context.close(), visitor.context.close()]);
  });

  it('with afterChatNext the bot carries on once the agent ends the chat: its question and the stars, then the flow’s end', async () => {
    const { agent, admin } = scene!;
    await setAccepting(app, agent.token);
    const flowId = await publishFlow(app, admin.token, [
      ...demoSteps({ timeoutSeconds: 600, afterChatNext: 'after_more' }),
      { key: 'after_more', kind: FlowStepKind.QUESTION, text: 'Can we help with anything else?', options: [{ key: 'no', label: 'No, that’s all', next: 'after_bye' }] },
      { key: 'after_bye', kind: FlowStepKind.END, text: 'Thanks for chatting. Bye for now!' },
    ]);
    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    await visitorAsksForHuman(visitor.page, 'Ada Lovelace', 'ada@example.com');
    const waiting = await app.gql<{ liveChatInbox: { id: string }[] }>(`{ liveChatInbox { id } }`, {}, agent.token);
    const conversationId = waiting.data!.liveChatInbox[0].id;
    await accept(app, agent.token, conversationId);
    await visitor.page.getByTestId('chatonce-status').getByText(/Chatting with/).waitFor();
    await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code } } }`, { id: conversationId }, agent.token);

    await visitor.page.getByText('Can we help with anything else?').waitFor();
    await visitor.page.getByTestId('chatonce-rating').getByRole('radio', { name: '5 of 5: Excellent' }).waitFor();
    await visitor.page.getByRole('button', { name: 'No, that’s all' }).click();
    await visitor.page.getByText('Thanks for chatting. Bye for now!').waitFor();
    await visitor.page.getByTestId('chatonce-status').getByText('Chat ended').waitFor();
    await visitor.context.close();
  });
});
