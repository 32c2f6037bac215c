import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');

/** Console messages about the Content-Security-Policy, from every page the tests open. */
export const cspViolations: string[] = [];

function watchConsole(page: Page): Page {
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`);
  if (!existsSync(resolve(__dirname, '../../dist/web/index.html')) || !existsSync(resolve(__dirname, '../../dist/widget/widget.js'))) {
    throw new Error('dist/web or dist/widget is missing: run `npm run test:browser` (it builds first)');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'],
  });
}

/** A phone: its width in CSS pixels, touch, and a mobile viewport. */
export interface Phone {
  width: number;
  height: number;
}

/** Context options for a desktop window, or for a phone (touch, mobile viewport). */
function screenOptions(phone: Phone | undefined, desktop: { width: number; height: number }) {
  return phone ? { viewport: phone, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: desktop };
}

/** A page that records the notifications it raises, and whose visibility the test controls. */
export async function newAgentPage(browser: Browser, baseUrl: string, options: { notifications?: boolean; phone?: Phone } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    ...screenOptions(options.phone, { width: 1366, height: 800 }),
    permissions: options.notifications ? ['notifications'] : [],
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __notifications: unknown[]; __hidden: boolean; Notification: typeof Notification };
    w.__notifications = [];
    w.__hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => w.__hidden });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (w.__hidden ? 'hidden' : 'visible') });
    const Real = w.Notification;
    if (Real) {
      const Recording = function (this: unknown, title: string, init?: NotificationOptions) {
        w.__notifications.push({ title, body: init?.body, tag: init?.tag });
        return new Real(title, init);
      } as unknown as typeof Notification;
      Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
      Recording.requestPermission = Real.requestPermission.bind(Real);
      w.Notification = Recording;
    }
  });
  return { context, page: watchConsole(await context.newPage()) };
}

/** A page of a new context, watched for CSP violations like the others. */
export async function newPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 800 } });
  return { context, page: watchConsole(await context.newPage()) };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('switch', { name: 'Accepting chats' }).waitFor();
}

export async function turnAcceptingOn(page: Page): Promise<void> {
  const toggle = page.getByRole('switch', { name: 'Accepting chats' });
  if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
  await page.waitForFunction(() => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'true');
}

/** The visitor side: the sample site with the widget, as a customer's visitor sees it. */
export async function newVisitorPage(browser: Browser, baseUrl: string, flowId: string, phone?: Phone): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, ...screenOptions(phone, { width: 1280, height: 800 }) });
  const page = watchConsole(await context.newPage());
  await page.goto(`/demo?flow=${encodeURIComponent(flowId)}`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByTestId('chatonce-widget').waitFor();
  return { context, page };
}

export async function visitorSays(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Type your message');
  await box.fill(text);
  await box.press('Enter');
}

/** Answers the demo flow in the widget: qualify, confirm, give name and email. */
export async function visitorAsksForHuman(visitor: Page, name: string, email: string): Promise<void> {
  await visitor.getByRole('button', { name: 'Pricing for my team' }).click();
  await visitor.getByRole('button', { name: '11–50' }).click();
  await visitor.getByRole('button', { name: 'Yes, connect me' }).click();
  await visitor.getByText('While I find someone: what’s your name?').waitFor();
  await visitorSays(visitor, name);
  await visitor.getByText('And your email address, in case we get cut off?').waitFor();
  await visitorSays(visitor, email);
  await visitor.getByTestId('chatonce-status').getByText('Waiting for someone to join…').waitFor();
}

export const inboxItem = (page: Page, name: string) => page.getByTestId('inbox-item').filter({ hasText: name });

export async function screenshot(page: Page, name: string): Promise<void> {
  // Entry animations finished, so the picture shows what a person sees a moment later.
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}
