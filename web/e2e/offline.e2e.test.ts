import type { Browser } from 'playwright-core';
import { createSignedInUser, signUpAccount, TEST_PASSWORD } from '../../api/src/test/fixtures';
import { OfflineMode } from '../../api/src/flows/flow-step.types';
import { demoSteps, publishFlow, setAccepting } from '../../api/src/test/live-chat-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { lowContrastTexts, newAgentPage, newVisitorPage, screenshot, signIn, startLiveChatScene, visitorSays, type LiveChatScene, type Phone } from './browser';

const UNAVAILABLE = 'Our sales team is offline right now. Leave us a message and we’ll write back.';
const MESSAGE = 'We are 30 people and would like a quote for the Team plan.\nCould someone call me on Monday?';

describe.each<Phone | undefined>([undefined, { width: 375, height: 740 }])('leaving a message outside business hours in a real browser (%o)', (phone) => {
  let scene: LiveChatScene | undefined;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    scene = await startLiveChatScene();
    ({ app, browser } = scene);
  });
  afterAll(() => scene?.close());

  it('the visitor leaves name, email and a message through the widget; an agent finds it in "Messages left"', async () => {
    const { admin } = scene!;
    // Closed every day, so the test does not depend on when it runs; someone is accepting all the same.
    const closed = await app.gql(
      `mutation($input: UpdateAccountSettingsInput!) { updateAccountSettings(input: $input) { userErrors { code } } }`,
      { input: { businessHours: { timeZone: 'Europe/Berlin', weekly: [] } } },
      admin.token,
    );
    expect(closed.data!.updateAccountSettings.userErrors).toEqual([]);
    const flowId = await publishFlow(app, admin.token, demoSteps({ offlineMode: OfflineMode.LEAVE_MESSAGE, unavailableMessage: UNAVAILABLE }));
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    await setAccepting(app, agent.token, true);

    const visitor = await newVisitorPage(browser, app.url, flowId, phone);
    const widget = visitor.page.getByTestId('chatonce-widget');
    await widget.getByRole('button', { name: 'Pricing for my team' }).click();
    await widget.getByRole('button', { name: '11–50' }).click();
    await widget.getByText(UNAVAILABLE).waitFor();
    // No offer of a human while the business is closed.
    expect(await widget.getByRole('button', { name: 'Yes, connect me' }).count()).toBe(0);
    await widget.getByText('Great! Before I connect you: what’s your name?').waitFor();
    await visitorSays(visitor.page, 'Grace Hopper');
    await widget.getByText('And your email address, in case we get cut off?').waitFor();
    await visitorSays(visitor.page, 'grace@example.com');
    await widget.getByText('What would you like us to know?').waitFor();
    const box = visitor.page.getByLabel('Type your message');
    await box.fill(MESSAGE);
    await box.press('Enter');
    await widget.getByText('Thanks! We’ve got your message and will get back to you by email.').waitFor();
    await visitor.page.getByTestId('chatonce-status').getByText('Chat ended').waitFor();
    // Never put in the waiting line.
    expect(await visitor.page.getByText('Waiting for someone to join…').count()).toBe(0);
    await screenshot(visitor.page, phone ? `widget-message-left-${phone.width}` : 'widget-message-left');

    const { context, page } = await newAgentPage(browser, app.url, { phone });
    await signIn(page, agent.email, TEST_PASSWORD);
    // Nothing reached the inbox.
    expect(await page.getByTestId('inbox-item').count()).toBe(0);
    await page.getByRole('link', { name: 'Messages left' }).click();
    await page.getByRole('heading', { name: 'Messages left' }).waitFor();
    const item = page.getByTestId('message-left').filter({ hasText: 'Grace Hopper' });
    await item.waitFor();
    expect(await item.getByRole('link', { name: 'grace@example.com' }).getAttribute('href')).toBe('mailto:grace@example.com');
    // The message as written, line break included.
    expect(await item.locator('.message-left__body').innerText()).toBe(MESSAGE);
    await item.getByText('just now').waitFor();
    await page.getByTestId('open-now').getByText('Closed now (Europe/Berlin)').waitFor();
    expect(await lowContrastTexts(page)).toEqual([]);
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.screen);
    await screenshot(page, phone ? `messages-left-${phone.width}` : 'messages-left');

    // The contact's page, with the conversation and the message in its transcript.
    await item.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByTestId('contact-page').waitFor();
    await page.getByTestId('contact-email').getByText('grace@example.com').waitFor();
    await page.getByTestId('contact-conversation').getByText('Message left (nobody available)').waitFor();
    await page.getByTestId('contact-conversation').getByText('Could someone call me on Monday?').waitFor();
    // And the conversation itself, ended with the reason.
    await page.goBack();
    await item.getByRole('link', { name: 'View conversation' }).click();
    await page.waitForURL(/\/chats\//);
    await page.getByText('Message left (nobody available)').first().waitFor();
    await Promise.all([context.close(), visitor.context.close()]);
  });

  it('an admin sets the business hours in the inbox: zone, weekly hours, a second interval, a holiday; mistakes are named', async () => {
    const owner = await signUpAccount(app, 'Hours Co');
    const { context, page } = await newAgentPage(browser, app.url, { phone });
    await signIn(page, owner.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Messages left' }).click();
    await page.getByRole('link', { name: 'Business hours' }).click();
    const form = page.getByRole('form', { name: 'Business hours' });
    const alwaysOpen = form.getByLabel('Always open (no business hours)');
    await alwaysOpen.waitFor();
    expect(await alwaysOpen.isChecked()).toBe(true);
    await alwaysOpen.uncheck();
    await form.getByLabel('Time zone').selectOption('America/New_York');
    // Monday to Friday start as 9 to 5.
    expect(await form.getByLabel('Monday opens (1)').inputValue()).toBe('09:00');
    await form.getByLabel('Friday closes (1)').fill('15:00');
    await form.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await form.getByLabel('Saturday opens (1)').fill('10:00');
    await form.getByLabel('Saturday closes (1)').fill('00:00');
    await form.getByRole('button', { name: 'Add an exception' }).click();
    await form.getByLabel('Date of exception 1').fill('2026-12-25');
    // A closing time before the opening is refused, naming the day.
    await form.getByLabel('Monday closes (1)').fill('08:00');
    await form.getByRole('button', { name: 'Save business hours' }).click();
    await form.getByRole('alert').getByText('Monday, hours 1: closes (08:00) must be after opens (09:00); split an overnight opening in two.').waitFor();
    await form.getByLabel('Monday closes (1)').fill('17:00');
    await form.getByRole('button', { name: 'Save business hours' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    expect(await lowContrastTexts(page)).toEqual([]);
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.screen);
    await page.getByRole('heading', { name: 'Business hours' }).scrollIntoViewIfNeeded();
    await screenshot(page, phone ? `business-hours-${phone.width}` : 'business-hours');

    const stored = await app.gql(`{ account { businessHours { timeZone weekly { day opens closes } exceptions { date closed intervals { opens } } } } }`, {}, owner.token);
    expect(stored.data!.account.businessHours).toEqual({
      timeZone: 'America/New_York',
      weekly: [
        ...['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'].map((day) => ({ day, opens: '09:00', closes: '17:00' })),
        { day: 'FRIDAY', opens: '09:00', closes: '15:00' },
        // 00:00 as a closing time is midnight.
        { day: 'SATURDAY', opens: '10:00', closes: '24:00' },
      ],
      exceptions: [{ date: '2026-12-25', closed: true, intervals: [] }],
    });
    // As saved after a reload.
    await page.reload();
    expect(await form.getByLabel('Friday closes (1)').inputValue()).toBe('15:00');
    expect(await form.getByLabel('Saturday closes (1)').inputValue()).toBe('00:00');
    expect(await form.getByLabel('Date of exception 1').inputValue()).toBe('2026-12-25');
    await context.close();
  });
});
