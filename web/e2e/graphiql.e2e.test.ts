import type { Browser, Page } from 'playwright-core';
import { enableLiveChat, signUpAccount, TEST_PASSWORD } from '../../api/src/test/fixtures';
import { publishFlow } from '../../api/src/test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test/test-app';
import { cspViolations, launchBrowser, newPage, screenshot } from './browser';

interface Hook {
  setVariables(value: string | object): void;
  getVariables(): string;
  getQuery(): string;
  getResponse(): string;
}
const hook = (page: Page) => page.evaluate(() => (window as unknown as { __graphiql?: unknown }).__graphiql !== undefined);

/** Opens a tab by operation name, runs it, and returns the parsed result pane. */
async function run(page: Page, tab: string, variables?: (current: Record<string, any>) => object): Promise<Record<string, any>> {
  await page.getByRole('tab', { name: tab }).click();
  await page.waitForFunction((name) => (window as unknown as { __graphiql: Hook }).__graphiql.getQuery().includes(` ${name}`), tab);
  if (variables) {
    const current = JSON.parse(await page.evaluate(() => (window as unknown as { __graphiql: Hook }).__graphiql.getVariables() || '{}'));
    const next = variables(current);
    await page.evaluate((value) => (window as unknown as { __graphiql: Hook }).__graphiql.setVariables(value), next);
  }
  await page.locator('button.graphiql-execute-button').click();
  const text = await page.waitForFunction(() => {
    const response = (window as unknown as { __graphiql: Hook }).__graphiql.getResponse();
    return response.trim().startsWith('{') && response.includes('"data"') ? response : false;
  });
  return JSON.parse((await text.jsonValue()) as string);
}

describe('GraphiQL for admins', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is bundled (no CDN), signs in, lists flows, updates one and publishes a new version', async () => {
    const admin = await signUpAccount(app, 'Acme Analytics');
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);

    const { context, page } = await newPage(browser, app.url);
    const offsite: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(app.url) && !request.url().startsWith(app.wsUrl.replace('/graphql', '')) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) offsite.push(request.url());
    });
    await page.goto('/graphiql');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await page.waitForFunction(() => (window as unknown as { __graphiql?: unknown }).__graphiql !== undefined);
    expect(await hook(page)).toBe(true);

    const listed = await run(page, 'ListFlows');
    const flow = listed.data.flows.edges.map((edge: { node: { id: string } }) => edge.node).find((node: { id: string }) => node.id === flowId);
    expect(flow).toMatchObject({ status: 'PUBLISHED', hasUnpublishedChanges: false, publishedVersion: { version: 1 } });

    const updated = await run(page, 'UpdateFlow', (variables) => ({ input: { ...variables.input, id: flowId, name: 'Qualifier, edited in GraphiQL' } }));
    expect(updated.data.updateFlow).toMatchObject({ userErrors: [], flow: { id: flowId, name: 'Qualifier, edited in GraphiQL', hasUnpublishedChanges: true } });

    const published = await run(page, 'PublishFlow', () => ({ id: flowId }));
    expect(published.data.publishFlow).toMatchObject({ userErrors: [], flowVersion: { version: 2 }, flow: { status: 'PUBLISHED', hasUnpublishedChanges: false } });
    await screenshot(page, 'graphiql');

    const check = await app.gql(`query($id: ID!) { flow(id: $id) { name publishedVersion { version } versions { edges { node { version } } } } }`, { id: flowId }, admin.token);
    expect(check.data!.flow).toEqual({ name: 'Qualifier, edited in GraphiQL', publishedVersion: { version: 2 }, versions: { edges: [{ node: { version: 2 } }, { node: { version: 1 } }] } });
    expect(offsite).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
