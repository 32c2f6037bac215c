import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createSignedInUser, enableLiveChat, signUpAccount, type SignedUpAccount } from '../../api/src/test/fixtures';
import { demoSteps, publishFlow } from '../../api/src/test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test/test-app';

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

/** Debian's Chromium, headless; never a downloaded browser. `extraArgs`: switches such as an autoplay policy. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`);
  if (!existsSync(resolve(__dirname, '../../dist/web/index.html')) || !existsSync(resolve(__dirname, '../../dist/widget/widget.js'))) {
    throw new Error('dist/web or dist/widget is missing: run `npm run test:browser` (it builds first)');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', ...extraArgs],
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

/**
 * A page that records the notifications it raises, and whose visibility the test controls.
 * `timezoneId`: the zone the browser counts days in (the machine's by default).
 */
export async function newAgentPage(browser: Browser, baseUrl: string, options: { notifications?: boolean; phone?: Phone; timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    ...screenOptions(options.phone, { width: 1366, height: 800 }),
    permissions: options.notifications ? ['notifications'] : [],
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
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
/** `settings`: what the site sets as `window.chatOnceSettings` before the widget loads (a signed identity). */
export async function newVisitorPage(browser: Browser, baseUrl: string, flowId: string, phone?: Phone, settings?: object): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, ...screenOptions(phone, { width: 1280, height: 800 }) });
  if (settings) await context.addInitScript((value) => Object.assign(window, { chatOnceSettings: value }), settings);
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
  await visitor.getByText('Great! Before I connect you: what’s your name?').waitFor();
  await visitorSays(visitor, name);
  await visitor.getByText('And your email address, in case we get cut off?').waitFor();
  await visitorSays(visitor, email);
  await visitor.getByTestId('chatonce-status').getByText('Waiting for someone to join…').waitFor();
}

/** Nothing wider than the screen: no sideways scrolling. */
/** Each control is wholly on the screen, so a thumb can reach it. */
export async function expectOnScreen(page: Page, controls: Locator | Locator[]): Promise<void> {
  const width = page.viewportSize()!.width;
  for (const control of Array.isArray(controls) ? controls : [controls]) {
    const box = await control.boundingBox();
    expect({ control: String(control), box }).toEqual({ control: String(control), box: expect.anything() });
    expect({ control: String(control), left: box!.x >= 0, right: box!.x + box!.width <= width + 0.5 }).toEqual({ control: String(control), left: true, right: true });
  }
}

export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.content).toBeLessThanOrEqual(widths.screen);
}

export const inboxItem = (page: Page, name: string) => page.getByTestId('inbox-item').filter({ hasText: name });

/** Scrolls the page (and the inbox's scrolling main area) back to the top, so a screenshot shows the page as it opens. */
export async function toTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.getElementById('main')?.scrollTo(0, 0);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Entry animations finished, so the picture shows what a person sees a moment later.
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}

/**
 * Text on the page (shadow roots included) whose contrast with the background behind it is
 * under WCAG AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). Disabled controls are
 * exempt, as WCAG allows.
 */
export async function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (color: string) => {
      const match = color.match(/rgba?\(([^)]+)\)/);
      if (!match) return null;
      const [r, g, b, a = 1] = match[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const channel = (value: number) => {
        const v = value / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element | null): { r: number; g: number; b: number } => {
      for (let node = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
        const background = parse(getComputedStyle(node).backgroundColor);
        if (background && background.a > 0.5) return background;
      }
      return { r: 255, g: 255, b: 255 };
    };
    const failures: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.shadowRoot) visit(element.shadowRoot);
        const text = Array.from(element.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent ?? '').join('').trim();
        if (!text) continue;
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
        if ((element as HTMLButtonElement).disabled || element.closest('[disabled], [aria-disabled="true"]')) continue;
        const color = parse(style.color);
        if (!color) continue;
        const foreground = luminance(color);
        const background = luminance(backgroundOf(element));
        const ratio = (Math.max(foreground, background) + 0.05) / (Math.min(foreground, background) + 0.05);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) failures.push(`${text.slice(0, 40)} (${ratio.toFixed(2)}:1, ${style.color})`);
      }
    };
    visit(document);
    return failures;
  });
}

export interface LiveChatScene {
  app: TestApp;
  browser: Browser;
  admin: SignedUpAccount;
  /** An agent of the account (not accepting chats yet). */
  agent: { email: string; token: string; userId: string };
  /** The demo flow with live chat on (a ten-minute timeout). */
  flowId: string;
  close(): Promise<void>;
}

/** An app with workers (`env` on top of the test defaults), Chromium, and an account with live chat on and the demo flow published. */
export async function startLiveChatScene(env: Record<string, string> = {}): Promise<LiveChatScene> {
  const app = await startTestApp(env, { workers: true });
  // Without a browser the app must not be left running: Jest would never exit.
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const admin = await signUpAccount(app, 'Acme Analytics');
  await enableLiveChat(app, admin.accountId);
  const flowId = await publishFlow(app, admin.token, demoSteps({ timeoutSeconds: 600 }));
  const agent = await createSignedInUser(app, admin.token, 'AGENT');
  return {
    app,
    browser,
    admin,
    agent,
    flowId,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
