import type { Browser, Page } from 'playwright-core';
import { Flow } from '../../api/src/flows/flow.entity';
import { toStoredSteps, type FlowStepInput } from '../../api/src/flows/flow-step.types';
import { dbId, enableLiveChat, signUpAccount, TEST_PASSWORD, type SignedUpAccount } from '../../api/src/test/fixtures';
import { demoSteps, publishFlow, startVisitor } from '../../api/src/test/live-chat-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test/test-app';
import { cspViolations, launchBrowser, newPage, screenshot } from './browser';

interface Hook {
  setVariables(value: string | object): void;
  getVariables(): string;
  getQuery(): string;
  getResponse(): string;
  clearResponse(): void;
}
const hook = (page: Page) => page.evaluate(() => (window as unknown as { __graphiql?: unknown }).__graphiql !== undefined);

/** Opens a tab by operation name and answers its variables, parsed. */
async function openTab(page: Page, tab: string): Promise<Record<string, any>> {
  await page.getByRole('tab', { name: tab }).click();
  await page.waitForFunction((name) => (window as unknown as { __graphiql: Hook }).__graphiql.getQuery().includes(` ${name}`), tab);
  return JSON.parse(await page.evaluate(() => (window as unknown as { __graphiql: Hook }).__graphiql.getVariables() || '{}'));
}

/** Opens a tab by operation name, runs it, and returns the parsed result pane. */
async function run(page: Page, tab: string, variables?: (current: Record<string, any>) => object): Promise<Record<string, any>> {
  const current = await openTab(page, tab);
  if (variables) await page.evaluate((value) => (window as unknown as { __graphiql: Hook }).__graphiql.setVariables(value), variables(current));
  await page.evaluate(() => (window as unknown as { __graphiql: Hook }).__graphiql.clearResponse());
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

  async function signIn(page: Page, admin: SignedUpAccount) {
    await page.goto('/graphiql');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await editorsReady(page);
  }
  async function editorsReady(page: Page) {
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await page.waitForFunction(() => (window as unknown as { __graphiql?: unknown }).__graphiql !== undefined);
  }
  const storedSteps = async (flowId: string) => (await app.runtime.orm.em.fork().findOneOrFail(Flow, dbId(flowId))).steps;

  it('is bundled (no CDN), signs in, lists flows, updates one from the prefilled tab without losing a step, and publishes a new version', async () => {
    const admin = await signUpAccount(app, 'Acme Analytics');
    await enableLiveChat(app, admin.accountId);
    // Every live-chat setting away from its default, so a field the prefill forgot would show.
    const flowId = await publishFlow(app, admin.token, demoSteps({ skipWhenNobodyAvailable: true, unavailableMessage: 'Nobody is online; leave us a note.' }));

    const { context, page } = await newPage(browser, app.url);
    const offsite: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(app.url) && !request.url().startsWith(app.wsUrl.replace('/graphql', '')) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) offsite.push(request.url());
    });
    await signIn(page, admin);
    expect(await hook(page)).toBe(true);

    const listed = await run(page, 'ListFlows');
    const flow = listed.data.flows.edges.map((edge: { node: { id: string } }) => edge.node).find((node: { id: string }) => node.id === flowId);
    expect(flow).toMatchObject({ status: 'PUBLISHED', hasUnpublishedChanges: false, publishedVersion: { version: 1 } });

    // The UpdateFlow tab holds the flow's draft as it is, in input form.
    const prefilled = (await openTab(page, 'UpdateFlow')).input;
    expect(prefilled).toMatchObject({ id: flowId, name: 'Test flow' });
    expect(toStoredSteps(prefilled.steps as FlowStepInput[])).toEqual(await storedSteps(flowId));
    expect(JSON.stringify(prefilled)).not.toContain('null');

    // Changed elsewhere since: a reload brings the untouched tab up to date.
    const elsewhere = demoSteps({ skipWhenNobodyAvailable: true, unavailableMessage: 'Nobody is online; leave us a note.' }).map((step) =>
      step.key === 'welcome' ? { ...step, text: 'Hello from another admin' } : step,
    );
    const changed = await app.gql(`mutation($input: UpdateFlowInput!) { updateFlow(input: $input) { userErrors { code } } }`, { input: { id: flowId, steps: elsewhere } }, admin.token);
    expect(changed.data!.updateFlow.userErrors).toEqual([]);
    await page.reload();
    await editorsReady(page);
    // The same tabs, not a second UpdateFlow one.
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['ListFlows', 'UpdateFlow', 'PublishFlow', 'CreateFlow', 'WatchInbox']);
    const refreshed = (await openTab(page, 'UpdateFlow')).input;
    expect(refreshed.steps[0].text).toBe('Hello from another admin');
    const before = await storedSteps(flowId);
    expect(toStoredSteps(refreshed.steps as FlowStepInput[])).toEqual(before);

    // Run unchanged: nothing changes, the team-size question included.
    const unchanged = await run(page, 'UpdateFlow');
    expect(unchanged.data.updateFlow).toMatchObject({ userErrors: [], flow: { id: flowId, name: 'Test flow' } });
    expect(await storedSteps(flowId)).toEqual(before);
    expect(before.map((step) => step.key)).toContain('team_size');

    // Edit one timeout and the name: only they change.
    const updated = await run(page, 'UpdateFlow', (variables) => ({
      input: {
        ...variables.input,
        name: 'Qualifier, edited in GraphiQL',
        steps: variables.input.steps.map((step: { kind: string; liveChat?: object }) => (step.kind === 'LIVE_CHAT' ? { ...step, liveChat: { ...step.liveChat, timeoutSeconds: 300 } } : step)),
      },
    }));
    expect(updated.data.updateFlow).toMatchObject({ userErrors: [], flow: { id: flowId, name: 'Qualifier, edited in GraphiQL', hasUnpublishedChanges: true } });
    expect(await storedSteps(flowId)).toEqual(before.map((step) => (step.liveChat ? { ...step, liveChat: { ...step.liveChat, timeoutSeconds: 300 } } : step)));

    // A mistake is reported with its path, and nothing is saved.
    const mistaken = await run(page, 'UpdateFlow', (variables) => ({
      input: { ...variables.input, steps: variables.input.steps.map((step: { key: string }) => (step.key === 'welcome' ? { ...step, next: 'nowhere' } : step)) },
    }));
    expect(mistaken.data.updateFlow).toEqual({ flow: null, userErrors: [{ code: 'UNKNOWN_STEP', message: 'No step has the key "nowhere".', field: ['input', 'steps', '0', 'next'] }] });
    expect((await storedSteps(flowId))[0].next).toBe('need');

    const published = await run(page, 'PublishFlow', () => ({ id: flowId }));
    expect(published.data.publishFlow).toMatchObject({ userErrors: [], flowVersion: { version: 2 }, flow: { status: 'PUBLISHED', hasUnpublishedChanges: false } });
    await screenshot(page, 'graphiql');

    const check = await app.gql(`query($id: ID!) { flow(id: $id) { name publishedVersion { version } versions { edges { node { version } } } } }`, { id: flowId }, admin.token);
    expect(check.data!.flow).toEqual({ name: 'Qualifier, edited in GraphiQL', publishedVersion: { version: 2 }, versions: { edges: [{ node: { version: 2 } }, { node: { version: 1 } }] } });
    expect(offsite).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('says in the UpdateFlow tab when the account has no flow yet', async () => {
    const admin = await signUpAccount(app, 'No flows yet');
    const { context, page } = await newPage(browser, app.url);
    await signIn(page, admin);
    await openTab(page, 'UpdateFlow');
    const query = await page.evaluate(() => (window as unknown as { __graphiql: Hook }).__graphiql.getQuery());
    expect(query).toContain('Your account has no flow yet');
    expect(await openTab(page, 'PublishFlow')).toEqual({ id: '<a flow id from ListFlows>' });
    await context.close();
  });

  it('signs in with an API key (kept out of storage), and its Headers editor reaches subscriptions too', async () => {
    const admin = await signUpAccount(app, 'Keyed Co');
    const createKey = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret userErrors { code } } }`;
    const contactsOnly = (await app.gql(createKey, { input: { name: 'CRM', scopes: ['CONTACTS_READ'] } }, admin.token)).data!.createApiKey.secret as string;
    const feedKey = (await app.gql(createKey, { input: { name: 'Feed', scopes: ['ACTIVITY_READ'] } }, admin.token)).data!.createApiKey.secret as string;

    const { context, page } = await newPage(browser, app.url);
    await page.goto('/graphiql');
    await page.getByRole('textbox', { name: 'API key' }).fill('not-a-key');
    await page.getByRole('button', { name: 'Use API key' }).click();
    await page.getByRole('alert').getByText('An API key starts with “ck_”.').waitFor();
    await page.getByRole('textbox', { name: 'API key' }).fill(contactsOnly);
    await page.getByRole('button', { name: 'Use API key' }).click();
    await editorsReady(page);
    await page.getByTestId('signed-in-as').getByText('API key of').waitFor();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(contactsOnly);

    const execute = async (query: string, headers: object = {}, meanwhile: () => Promise<unknown> = async () => undefined) => {
      await page.evaluate(
        ([text, json]) => {
          const graphiql = (window as unknown as { __graphiql: Hook & { setQuery(text: string): void; setHeaders(value: object): void } }).__graphiql;
          graphiql.setQuery(text);
          graphiql.setHeaders(json);
          graphiql.clearResponse();
        },
        [query, headers] as const,
      );
      await page.locator('button.graphiql-execute-button').click();
      await meanwhile();
      const text = await page.waitForFunction(() => {
        const response = (window as unknown as { __graphiql: Hook }).__graphiql.getResponse();
        return response.trim().startsWith('{') ? response : false;
      });
      return JSON.parse((await text.jsonValue()) as string);
    };
    // The key's scopes apply: contacts yes, the activity feed no.
    expect(await execute('query Contacts { contacts(first: 1) { totalCount } }')).toMatchObject({ data: { contacts: { totalCount: 0 } } });
    const refused = await execute('subscription Feed { activityEvents { id } }');
    expect(JSON.stringify(refused)).toContain('activity:read');
    // A key typed into the Headers editor is used on the websocket as well: this one may read the feed.
    await enableLiveChat(app, admin.accountId);
    const flowId = await publishFlow(app, admin.token);
    const visitorArrives = async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await startVisitor(app, flowId);
    };
    const stream = await execute('subscription Feed { activityEvents { type } }', { Authorization: `Bearer ${feedKey}` }, visitorArrives);
    // The pane shows the latest of the visitor's events.
    expect(stream).toMatchObject({ data: { activityEvents: { type: expect.stringMatching(/^(CONTACT_CREATED|CONVERSATION_STARTED|MESSAGE_CREATED)$/) } } });
    await screenshot(page, 'graphiql-api-key');
    await context.close();
  });
});
