import type { Browser } from 'playwright-core';
import { createSignedInUser, TEST_PASSWORD } from '../../api/src/test/fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { inboxItem, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, visitorAsksForHuman, type LiveChatScene } from './browser';

describe('internal notes in a real browser', () => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('the team writes notes in the chat; teammates see them live, the visitor never does', async () => {
    const [first, second] = [await createSignedInUser(app, scene!.admin.token, 'AGENT'), await createSignedInUser(app, scene!.admin.token, 'AGENT')];
    const ana = await newAgentPage(browser, app.url);
    await signIn(ana.page, first.email, TEST_PASSWORD);
    await turnAcceptingOn(ana.page);
    const visitor = await newVisitorPage(browser, app.url, scene!.flowId);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    await inboxItem(ana.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);
    const chatUrl = ana.page.url();

    await ana.page.getByRole('button', { name: 'Note' }).click();
    const noteBox = ana.page.getByLabel('Internal note');
    await noteBox.fill('Enterprise lead: loop in sales before quoting.');
    await noteBox.press('Enter');
    const note = ana.page.locator('[data-testid="message"][data-author="NOTE"]', { hasText: 'Enterprise lead' });
    await note.getByText('Internal note').waitFor();

    // A teammate who is not handling the chat can still add a note; it reaches Ana live.
    const ben = await newAgentPage(browser, app.url);
    await signIn(ben.page, second.email, TEST_PASSWORD);
    await ben.page.goto(chatUrl);
    await ben.page.locator('[data-testid="message"][data-author="NOTE"]', { hasText: 'Enterprise lead' }).waitFor();
    await ben.page.getByText('is handling this chat. You can add a note for the team.').waitFor();
    expect(await ben.page.getByLabel('Message').count()).toBe(0);
    await ben.page.getByLabel('Internal note').fill('I spoke to her last week.');
    await ben.page.getByRole('button', { name: 'Add note' }).click();
    // Stored (Ben's own transcript has it), then delivered live to Ana.
    await ben.page.locator('[data-testid="message"][data-author="NOTE"]', { hasText: 'I spoke to her last week.' }).waitFor();
    await ana.page.locator('[data-testid="message"][data-author="NOTE"]', { hasText: 'I spoke to her last week.' }).waitFor();

    // Back to replying: the visitor gets the reply, and neither note.
    await ana.page.getByRole('button', { name: 'Reply' }).click();
    const composer = ana.page.getByLabel('Message');
    await composer.fill('Hi Grace, let me check with our sales team.');
    await composer.press('Enter');
    await visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'let me check with our sales team' }).waitFor();
    await visitor.page.reload();
    await visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'let me check with our sales team' }).waitFor();
    const widgetText = await visitor.page.locator('body').innerText();
    expect(widgetText).not.toContain('Enterprise lead');
    expect(widgetText).not.toContain('I spoke to her last week');
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    await screenshot(ana.page, 'conversation-notes');
    await Promise.all([ana.context.close(), ben.context.close(), visitor.context.close()]);
  });
});
