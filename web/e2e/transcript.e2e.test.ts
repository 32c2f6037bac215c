import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { expectNoSidewaysScroll, expectOnScreen, inboxItem, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, visitorAsksForHuman, visitorSays, type LiveChatScene, type Phone } from './browser';

/** Clicks `button` and returns the file it downloads: its suggested name and its text. */
async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['320 px phone', { width: 320, height: 640 }],
])('transcript downloads (%s)', (_screen, phone) => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('the agent saves the chat as text and JSON, notes marked internal; after the end the visitor saves theirs, without the note', async () => {
    const agent = await newAgentPage(browser, app.url, { phone });
    await signIn(agent.page, scene!.agent.email, TEST_PASSWORD);
    await turnAcceptingOn(agent.page);
    const visitor = await newVisitorPage(browser, app.url, scene!.flowId, phone);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    await inboxItem(agent.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await agent.page.waitForURL(/\/chats\//);

    const composer = agent.page.getByLabel('Message');
    await composer.fill('Our plans start at $49 a month.');
    await composer.press('Enter');
    await visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'Our plans start at $49' }).waitFor();
    await visitorSays(visitor.page, 'Thanks! Two lines:\nthat helps.');
    await agent.page.locator('[data-testid="message"][data-author="VISITOR"]', { hasText: 'that helps' }).waitFor();
    await agent.page.getByRole('button', { name: 'Note' }).click();
    await agent.page.getByLabel('Internal note').fill('Enterprise lead: offer 30% off.');
    await agent.page.getByLabel('Internal note').press('Enter');
    await agent.page.locator('[data-testid="message"][data-author="NOTE"]', { hasText: 'Enterprise lead' }).waitFor();
    // The widget offers no download while the chat is live.
    expect(await visitor.page.getByRole('button', { name: 'Download transcript' }).count()).toBe(0);

    const links = agent.page.getByTestId('transcript-download');
    if (phone) {
      await expectOnScreen(agent.page, [links.getByRole('button', { name: 'Text' }), links.getByRole('button', { name: 'JSON' })]);
      await expectNoSidewaysScroll(agent.page);
    }
    const text = await download(agent.page, links.getByRole('button', { name: 'Text' }));
    expect(text.name).toMatch(/^chatonce-grace-hopper-\d{4}-\d\d-\d\d\.txt$/);
    expect(text.text).toMatch(/^ChatOnce transcript: Grace Hopper <grace@example\.com>\n/);
    const stamp = '\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\]';
    expect(text.text).toMatch(new RegExp(`^${stamp} Bot: What brings you here today\\?$`, 'm'));
    expect(text.text).toMatch(new RegExp(`^${stamp} Test AGENT \\(agent\\): Our plans start at \\$49 a month\\.$`, 'm'));
    expect(text.text).toMatch(new RegExp(`^${stamp} Grace Hopper \\(visitor\\): Thanks! Two lines:\\n    that helps\\.$`, 'm'));
    expect(text.text).toMatch(new RegExp(`^${stamp} Test AGENT \\(internal note, never shown to the visitor\\): Enterprise lead: offer 30% off\\.$`, 'm'));

    const json = await download(agent.page, links.getByRole('button', { name: 'JSON' }));
    expect(json.name).toMatch(/^chatonce-grace-hopper-\d{4}-\d\d-\d\d\.json$/);
    const exported = JSON.parse(json.text) as { conversation: { contact: { name: string } }; messages: { author: string; body: string; senderName: string | null; internalNote: boolean; createdAt: string }[] };
    expect(exported.conversation.contact.name).toBe('Grace Hopper');
    expect(exported.messages.find((message) => message.body.startsWith('Enterprise lead'))).toMatchObject({ author: 'NOTE', internalNote: true, senderName: 'Test AGENT' });
    expect(exported.messages.find((message) => message.body.startsWith('Our plans'))).toMatchObject({ author: 'AGENT', internalNote: false });
    expect(exported.messages.filter((message) => message.internalNote)).toHaveLength(1);
    expect(exported.messages.every((message) => !Number.isNaN(Date.parse(message.createdAt)))).toBe(true);

    // The agent ends the chat: the visitor can save their side of it.
    await agent.page.getByRole('button', { name: 'End chat' }).click();
    await agent.page.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    const save = visitor.page.getByRole('button', { name: 'Download transcript' });
    await save.waitFor();
    if (phone) await expectOnScreen(visitor.page, save);
    expect(await lowContrastTexts(visitor.page)).toEqual([]);
    await screenshot(visitor.page, phone ? 'widget-transcript-download-320' : 'widget-transcript-download');
    const own = await download(visitor.page, save);
    expect(own.name).toMatch(/^chat-transcript-\d{4}-\d\d-\d\d\.txt$/);
    expect(own.text).toMatch(/^Chat transcript from 127\.0\.0\.1:\d+\n/);
    expect(own.text).toMatch(new RegExp(`^${stamp} Test AGENT: Our plans start at \\$49 a month\\.$`, 'm'));
    expect(own.text).toMatch(new RegExp(`^${stamp} You: Thanks! Two lines:\\n    that helps\\.$`, 'm'));
    expect(own.text).toMatch(new RegExp(`^${stamp} Notice: Test AGENT ended the chat\\.$`, 'm'));
    expect(own.text).not.toContain('Enterprise lead');
    expect(own.text).not.toContain('30%');
    // After a reload too: the file is read from the server, not from what the page kept.
    await visitor.page.reload();
    await visitor.page.getByTestId('chatonce-widget').waitFor();
    const again = await download(visitor.page, visitor.page.getByRole('button', { name: 'Download transcript' }));
    expect(again.text.split('\n').slice(3)).toEqual(own.text.split('\n').slice(3));
    await Promise.all([agent.context.close(), visitor.context.close()]);
  });
});
