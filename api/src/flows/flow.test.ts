import { DEMO_FLOW_STEPS } from '../seed/demo-seed';
import { createSignedInUser, dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { Flow } from './flow.entity';

const FLOW_FIELDS = /* GraphQL */ `
  fragment FlowFields on Flow {
    id name status hasUnpublishedChanges
    publishedVersion { id version steps { key } }
    steps { key kind text next field options { key label next } liveChat { timeoutSeconds acceptLabel collectContactDetails { enabled namePrompt } } }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CreateFlowInput!) { createFlow(input: $input) { flow { ...FlowFields } userErrors { code message field } } }
  ${FLOW_FIELDS}
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateFlowInput!) { updateFlow(input: $input) { flow { ...FlowFields } userErrors { code message field } } }
  ${FLOW_FIELDS}
`;
const PUBLISH = /* GraphQL */ `
  mutation Publish($id: ID!) { publishFlow(id: $id) { flow { ...FlowFields } flowVersion { id version } userErrors { code message field } } }
  ${FLOW_FIELDS}
`;

describe('flows', () => {
  let app: TestApp;
  let admin: SignedUpAccount;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signUpAccount(app);
    await enableLiveChat(app, admin.accountId);
  });
  afterAll(() => app.close());

  async function createDemoFlow(token = admin.token) {
    const result = await app.gql(CREATE, { input: { name: 'Qualifier', steps: DEMO_FLOW_STEPS } }, token);
    expect(result.data!.createFlow.userErrors).toEqual([]);
    return result.data!.createFlow.flow;
  }

  it('creates a draft, publishes version 1, and keeps every version as published', async () => {
    const draft = await createDemoFlow();
    expect(draft).toMatchObject({ status: 'DRAFT', hasUnpublishedChanges: true, publishedVersion: null });
    expect(draft.steps[3].liveChat).toEqual({ timeoutSeconds: 120, acceptLabel: 'Yes, connect me', collectContactDetails: { enabled: true, namePrompt: 'Great! Before I connect you: what’s your name?' } });

    const v1 = (await app.gql(PUBLISH, { id: draft.id }, admin.token)).data!.publishFlow;
    expect(v1.userErrors).toEqual([]);
    expect(v1.flowVersion.version).toBe(1);
    expect(v1.flow).toMatchObject({ status: 'PUBLISHED', hasUnpublishedChanges: false, publishedVersion: { version: 1 } });

    const steps = DEMO_FLOW_STEPS.map((step) => (step.key === 'welcome' ? { ...step, text: 'Hello again!' } : step));
    const edited = (await app.gql(UPDATE, { input: { id: draft.id, steps } }, admin.token)).data!.updateFlow;
    expect(edited.flow).toMatchObject({ hasUnpublishedChanges: true, publishedVersion: { version: 1 } });

    const v2 = (await app.gql(PUBLISH, { id: draft.id }, admin.token)).data!.publishFlow;
    expect(v2.flowVersion.version).toBe(2);
    const again = (await app.gql(PUBLISH, { id: draft.id }, admin.token)).data!.publishFlow;
    expect(again.flowVersion).toEqual(v2.flowVersion);

    const versions = await app.gql(`query($id: ID!) { flow(id: $id) { versions { edges { node { version steps { key text } } } } } }`, { id: draft.id }, admin.token);
    const [newest, oldest] = versions.data!.flow.versions.edges.map((edge: { node: unknown }) => edge.node);
    expect(newest.version).toBe(2);
    expect(newest.steps[0].text).toBe('Hello again!');
    expect(oldest.version).toBe(1);
    expect(oldest.steps[0].text).toBe('Hi! I’m the Acme assistant.');
  });

  const stepsOf = async (id: string) => (await app.gql(`query($id: ID!) { flow(id: $id) { ...FlowFields } } ${FLOW_FIELDS}`, { id }, admin.token)).data!.flow.steps;

  it('refuses a draft whose `next` names no step, with the paths publishFlow uses, and keeps the saved draft', async () => {
    const draft = await createDemoFlow();
    const broken = DEMO_FLOW_STEPS.map((step) => (step.key === 'need' ? { ...step, options: step.options!.map((o) => (o.key === 'support' ? { ...o, next: 'nowhere' } : o)) } : step));
    const result = (await app.gql(UPDATE, { input: { id: draft.id, name: 'Renamed', steps: broken } }, admin.token)).data!.updateFlow;
    expect(result).toEqual({ flow: null, userErrors: [{ code: 'UNKNOWN_STEP', message: 'No step has the key "nowhere".', field: ['input', 'steps', '1', 'options', '1', 'next'] }] });
    const created = (await app.gql(CREATE, { input: { name: 'Broken', steps: broken } }, admin.token)).data!.createFlow;
    expect(created.userErrors).toEqual(result.userErrors);
    // Nothing half-written: neither the name nor the steps changed.
    const flow = await app.gql(`query($id: ID!) { flow(id: $id) { name } }`, { id: draft.id }, admin.token);
    expect(flow.data!.flow.name).toBe('Qualifier');
    expect(await stepsOf(draft.id)).toEqual(draft.steps);
  });

  it('saves an incomplete draft and reports what publishing needs as userErrors with field paths, publishing nothing', async () => {
    const draft = await createDemoFlow();
    // "support" is parked: no option leads to it any more.
    const parked = DEMO_FLOW_STEPS.map((step) => (step.key === 'need' ? { ...step, options: step.options!.filter((o) => o.key !== 'support') } : step));
    const saved = (await app.gql(UPDATE, { input: { id: draft.id, steps: parked } }, admin.token)).data!.updateFlow;
    expect(saved.userErrors).toEqual([]);
    const result = (await app.gql(PUBLISH, { id: draft.id }, admin.token)).data!.publishFlow;
    expect(result.flowVersion).toBeNull();
    expect(result.userErrors).toEqual([{ code: 'UNREACHABLE_STEP', message: 'Step "support" cannot be reached from the first step.', field: ['steps', '4'] }]);
    const flow = await app.gql(`query($id: ID!) { flow(id: $id) { status versions { edges { node { id } } } } }`, { id: draft.id }, admin.token);
    expect(flow.data!.flow).toEqual({ status: 'DRAFT', versions: { edges: [] } });
  });

  it('reports a draft saved before these checks with the same codes at publish', async () => {
    const draft = await createDemoFlow();
    const em = app.runtime.orm.em.fork();
    const stored = await em.findOneOrFail(Flow, dbId(draft.id));
    stored.steps = stored.steps.map((step) => (step.key === 'welcome' ? { ...step, next: 'nowhere' } : step));
    await em.flush();
    const result = (await app.gql(PUBLISH, { id: draft.id }, admin.token)).data!.publishFlow;
    expect(result.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join('.')])).toEqual([
      ['UNKNOWN_STEP', 'steps.0.next'],
      ['UNREACHABLE_STEP', 'steps.1'],
      ['UNREACHABLE_STEP', 'steps.2'],
      ['UNREACHABLE_STEP', 'steps.3'],
      ['UNREACHABLE_STEP', 'steps.4'],
      ['UNREACHABLE_STEP', 'steps.5'],
      ['NO_REACHABLE_END', 'steps'],
    ]);
  });

  it('refuses a LIVE_CHAT step at publish while the account lacks live chat', async () => {
    const other = await signUpAccount(app, 'No live chat yet');
    const draft = await createDemoFlow(other.token);
    const refused = (await app.gql(PUBLISH, { id: draft.id }, other.token)).data!.publishFlow;
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'LIVE_CHAT_NOT_ENABLED', field: ['steps', '3', 'kind'] })]);
    await enableLiveChat(app, other.accountId);
    const published = (await app.gql(PUBLISH, { id: draft.id }, other.token)).data!.publishFlow;
    expect(published.userErrors).toEqual([]);
    expect(published.flowVersion.version).toBe(1);
  });

  it('checks step shapes and settings when saving: out-of-range values are userErrors, oversized input BAD_USER_INPUT', async () => {
    const saved = await app.gql(CREATE, { input: { name: 'Bad', steps: [{ key: 'q', kind: 'QUESTION', text: 'Name?' }] } }, admin.token);
    expect(saved.data!.createFlow.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join('.')])).toEqual([
      ['MISSING_FIELD', 'input.steps.0.field'],
      ['MISSING_FIELD', 'input.steps.0.next'],
    ]);
    const zeroTimeout = DEMO_FLOW_STEPS.map((step) => (step.liveChat ? { ...step, liveChat: { ...step.liveChat, timeoutSeconds: 0, offerMessage: '' } } : step));
    const expected = [
      { code: 'MISSING_FIELD', message: 'LIVE_CHAT step "live" needs offerMessage: text the visitor sees.', field: ['input', 'steps', '3', 'liveChat', 'offerMessage'] },
      { code: 'OUT_OF_RANGE', message: 'timeoutSeconds must be from 1 to 86400 (a day), not 0.', field: ['input', 'steps', '3', 'liveChat', 'timeoutSeconds'] },
    ];
    const zero = await app.gql(CREATE, { input: { name: 'Zero', steps: zeroTimeout } }, admin.token);
    expect(zero.errors).toBeUndefined();
    expect(zero.data!.createFlow).toEqual({ flow: null, userErrors: expected });

    const draft = await createDemoFlow();
    const updated = await app.gql(UPDATE, { input: { id: draft.id, steps: zeroTimeout } }, admin.token);
    expect(updated.data!.updateFlow).toEqual({ flow: null, userErrors: expected });
    expect(await stepsOf(draft.id)).toEqual(draft.steps);

    // Size bounds protect the server and stay GraphQL errors, before anything runs.
    const huge = DEMO_FLOW_STEPS.map((step) => (step.key === 'welcome' ? { ...step, text: 'x'.repeat(2001) } : step));
    expect((await app.gql(UPDATE, { input: { id: draft.id, steps: huge } }, admin.token)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const flows = await app.gql(`{ flows(first: 100) { edges { node { name } } } }`, {}, admin.token);
    expect(flows.data!.flows.edges.map((edge: { node: { name: string } }) => edge.node.name)).not.toContain('Zero');
  });

  it('lets agents read flows but only admins change them', async () => {
    const draft = await createDemoFlow();
    const agent = await createSignedInUser(app, admin.token, 'AGENT');
    expect((await app.gql(`query($id: ID!) { flow(id: $id) { name } }`, { id: draft.id }, agent.token)).data!.flow.name).toBe('Qualifier');
    for (const [query, variables] of [
      [CREATE, { input: { name: 'x', steps: [] } }],
      [UPDATE, { input: { id: draft.id, name: 'Hijacked' } }],
      [PUBLISH, { id: draft.id }],
    ] as const) {
      expect((await app.gql(query, variables, agent.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    }
  });

  it('rejects an ID of another type as BAD_USER_INPUT', async () => {
    const result = await app.gql(PUBLISH, { id: admin.userId }, admin.token);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
