import type { Browser } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import { visitorToInbox } from '../../api/src/test/live-chat-fixtures';
import { namedUser } from '../../api/src/test/team-fixtures';
import type { TestApp } from '../../api/src/test/test-app';
import { expectNoSidewaysScroll, expectOnScreen, inboxItem, lowContrastTexts, newAgentPage, screenshot, signIn, startLiveChatScene, turnAcceptingOn, type LiveChatScene, type Phone } from './browser';

/** Long enough to read the countdown, short enough to wait for. */
const WINDOW_SECONDS = 4;

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['320 px phone', { width: 320, height: 640 }],
])('AUTO assignment in the inbox (%s)', (screen, phone) => {
  let app: TestApp;
  let browser: Browser;
  let flowId: string;
  let scene: LiveChatScene | undefined;
  const shot = (name: string) => (phone ? `${name}-${phone.width}` : name);

  beforeAll(async () => {
    scene = await startLiveChatScene({ OFFER_MIN_SECONDS: '1' });
    ({ app, browser, flowId } = scene);
  });
  afterAll(() => scene?.close());

  it('an admin switches to offering chats one at a time; Ana sees “Offered to you” counting down while Ben sees nothing; when it passes it vanishes from Ana and is offered to Ben, who accepts', async () => {
    const anaUser = await namedUser(app, scene!.admin.token, 'Ana');
    const benUser = await namedUser(app, scene!.admin.token, 'Ben');

    // The admin sets it up on the Team page.
    const admin = await newAgentPage(browser, app.url, { phone });
    await signIn(admin.page, scene!.admin.email, TEST_PASSWORD);
    await admin.page.getByRole('link', { name: 'Team' }).click();
    const settings = admin.page.getByTestId('assignment-settings');
    await settings.getByLabel('Everyone sees every chat').waitFor();
    expect(await settings.getByLabel('Everyone sees every chat').isChecked()).toBe(true);
    await settings.getByLabel('Offer each chat to one person at a time').check();
    const window = settings.getByLabel('Time to accept an offer');
    // Out of bounds: the API's message, nothing saved.
    await window.fill('900');
    await settings.getByRole('button', { name: 'Save assignment' }).click();
    await settings.getByRole('alert').getByText('The accept window can be 1 to 600 seconds.').waitFor();
    await window.fill(String(WINDOW_SECONDS));
    const save = settings.getByRole('button', { name: 'Save assignment' });
    if (phone) await expectOnScreen(admin.page, [save, window]);
    await save.click();
    await settings.getByTestId('assignment-saved').waitFor();
    const stored = await app.gql(`{ account { assignment offerSeconds } }`, {}, scene!.admin.token);
    expect(stored.data!.account).toEqual({ assignment: 'AUTO', offerSeconds: WINDOW_SECONDS });
    if (phone) await expectNoSidewaysScroll(admin.page);
    expect(await lowContrastTexts(admin.page)).toEqual([]);
    await screenshot(admin.page, shot('assignment-settings'));

    const ana = await newAgentPage(browser, app.url, { phone });
    await signIn(ana.page, anaUser.email, TEST_PASSWORD);
    await turnAcceptingOn(ana.page);
    const ben = await newAgentPage(browser, app.url, { phone });
    await signIn(ben.page, benUser.email, TEST_PASSWORD);
    await turnAcceptingOn(ben.page);
    await ben.page.getByText('No one is waiting right now').waitFor();

    // Both are free and have never taken a chat: Ana, the longer-standing, is offered it.
    await visitorToInbox(app, flowId, 'Grace Hopper', 'grace@example.com');
    const anaCard = inboxItem(ana.page, 'Grace Hopper');
    const offer = anaCard.getByTestId('offer');
    await offer.getByText('Offered to you').waitFor();
    const countdown = await offer.getByTestId('offer-countdown').textContent();
    expect(countdown).toMatch(/^0:0[1-4]$/);
    if (phone) await expectOnScreen(ana.page, anaCard.getByRole('button', { name: 'Accept' }));
    if (phone) await expectNoSidewaysScroll(ana.page);
    expect(await lowContrastTexts(ana.page)).toEqual([]);
    await screenshot(ana.page, shot('inbox-offered'));
    // Ben's inbox stays empty while the offer is Ana's.
    expect(await inboxItem(ben.page, 'Grace Hopper').count()).toBe(0);

    // The window passes: the card leaves Ana's inbox by itself, and Ben is offered it.
    const benOffer = inboxItem(ben.page, 'Grace Hopper').getByTestId('offer');
    await benOffer.getByText('Offered to you').waitFor({ timeout: (WINDOW_SECONDS + 4) * 1000 });
    await anaCard.waitFor({ state: 'detached', timeout: 2000 });
    await ana.page.getByText('No one is waiting right now').waitFor();
    await inboxItem(ben.page, 'Grace Hopper').getByRole('button', { name: 'Accept' }).click();
    await ben.page.waitForURL(/\/chats\//);

    // The activity stream says why: offered to Ana, then to Ben once Ana let it pass.
    await admin.page.getByRole('link', { name: 'Activity' }).click();
    const offered = admin.page.locator('[data-testid="activity-item"][data-type="LIVE_CHAT_OFFERED"]');
    await offered.filter({ hasText: 'Offered to Ben' }).filter({ hasText: 'Ana: already offered' }).waitFor();
    await offered.filter({ hasText: 'Offered to Ana' }).filter({ hasText: 'Ben: tie, joined later' }).waitFor();
    for (const page of [admin.page, ana.page, ben.page]) await page.context().close();
  });
});
