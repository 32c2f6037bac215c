import type { Browser } from 'playwright-core';
import { createSignedInUser, TEST_PASSWORD } from '../../api/src/test/fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { inboxItem, lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, visitorAsksForHuman, type LiveChatScene } from './browser';

describe('saved replies in a real browser', () => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('an admin saves a reply; an agent inserts it with "/" in a chat, filled in for the visitor', async () => {
    const { admin, flowId } = scene!;
    const boss = await newAgentPage(browser, app.url);
    await signIn(boss.page, admin.email, TEST_PASSWORD);
    await boss.page.getByRole('link', { name: 'Saved replies' }).click();
    await boss.page.getByText('No saved replies yet').waitFor();
    const form = boss.page.getByRole('form', { name: 'New saved reply' });
    await form.getByLabel('Shortcut').fill('pricing');
    await form.getByLabel('Title').fill('Plans and prices');
    await form.getByLabel('Reply').fill('Hi {{visitor.name}}, our plans start at $49 a month. I am {{agent.name}}.');
    await form.getByRole('button', { name: 'Add saved reply' }).click();
    await boss.page.locator('[data-testid="saved-reply"][data-shortcut="pricing"]').waitFor();
    // The same shortcut again is refused, with the reason.
    await form.getByLabel('Shortcut').fill('Pricing');
    await form.getByLabel('Title').fill('Again');
    await form.getByLabel('Reply').fill('Again.');
    await form.getByRole('button', { name: 'Add saved reply' }).click();
    await form.getByRole('alert').getByText('The shortcut /pricing is taken by another saved reply.').waitFor();
    expect(await lowContrastTexts(boss.page)).toEqual([]);
    await screenshot(boss.page, 'saved-replies');

    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    const ana = await newAgentPage(browser, app.url);
    await signIn(ana.page, agent.email, TEST_PASSWORD);
    await ana.page.getByRole('link', { name: 'Saved replies' }).click();
    const listed = ana.page.locator('[data-testid="saved-reply"][data-shortcut="pricing"]');
    await listed.waitFor();
    // Agents use them; only admins change them.
    expect(await listed.getByRole('button', { name: /Edit|Delete/ }).count()).toBe(0);

    await turnAcceptingOn(ana.page);
    const visitor = await newVisitorPage(browser, app.url, flowId);
    await visitorAsksForHuman(visitor.page, 'Grace Hopper', 'grace@example.com');
    await ana.page.getByRole('link', { name: 'Inbox' }).click();
    await inboxItem(ana.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await ana.page.waitForURL(/\/chats\//);

    const composer = ana.page.getByLabel('Message');
    await composer.fill('/pri');
    const menu = ana.page.getByRole('listbox', { name: 'Saved replies' });
    await menu.getByRole('option', { name: /\/pricing/ }).waitFor();
    // Escape closes the menu and leaves the text alone.
    await composer.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await composer.fill('/pr');
    await menu.waitFor();
    await composer.press('Enter');
    const filled = 'Hi Grace Hopper, our plans start at $49 a month. I am Test AGENT.';
    await ana.page.waitForFunction((text) => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.value === text, filled);
    await composer.press('Enter');
    await visitor.page.locator('[data-testid="chatonce-message"][data-author="AGENT"]', { hasText: 'Hi Grace Hopper, our plans start at $49 a month.' }).waitFor();

    // On a phone the menu stays on the screen.
    await ana.page.setViewportSize({ width: 320, height: 640 });
    await composer.fill('/');
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320.5);
    await Promise.all([boss.context.close(), ana.context.close(), visitor.context.close()]);
  });
});

