import { GraphQLError } from 'graphql';
import { createSignedInUser, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { startTestApp, type TestApp } from '../test/test-app';
import { REPORT_LIMITS } from './live-chat-report.input';
import { LiveChatReportGrouping, type LiveChatReport } from './live-chat-report.types';
import { playScript, type PlayedScript } from './report-script';

const REPORT = /* GraphQL */ `
  query Report($input: LiveChatReportInput!) {
    liveChatReport(input: $input) { totals { requested accepted } rows { __typename } }
  }
`;
const DAY_MS = 86_400_000;
const FROM = '2026-03-01T00:00:00.000Z';
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

describe('liveChatReport: who may ask, and what it refuses', () => {
  let app: TestApp;
  let played: PlayedScript;
  let other: SignedUpAccount;
  const ask = (input: Record<string, unknown>, token: string | undefined = played.admin.token) =>
    app.gql(REPORT, { input: { from: FROM, to: plusDays(FROM, 7), timeZone: 'Europe/Berlin', groupBy: 'DAY', ...input } }, token);

  beforeAll(async () => {
    app = await startTestApp();
    played = await playScript(app, {
      timeoutSeconds: 60,
      chats: [
        { requestedAt: '2026-03-02T09:00:00Z', outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 12, endAfter: 60, endedBy: 'agent' },
        { requestedAt: '2026-03-03T09:00:00Z', outcome: 'missed' },
      ],
      visits: [],
      periods: [{ who: 'ana', from: '2026-03-01T08:00:00Z', to: '2026-03-04T08:00:00Z' }],
    });
    other = await signUpAccount(app, 'Other Co');
  });
  afterAll(() => app.close());

  it('every user of the account and its API keys read it; another account reads its own (nothing of this one)', async () => {
    const key = await app.gql(`mutation { createApiKey(input: { name: "reports" }) { secret userErrors { code } } }`, {}, played.admin.token);
    const agent = await createSignedInUser(app, played.admin.token, 'AGENT');
    for (const token of [played.admin.token, played.people.ana.token, agent.token, key.data!.createApiKey.secret]) {
      const result = await ask({}, token);
      expect(result.errors).toBeUndefined();
      expect(result.data!.liveChatReport.totals).toEqual({ requested: 2, accepted: 1 });
    }
    const theirs = await ask({ groupBy: 'AGENT' }, other.token);
    expect(theirs.data!.liveChatReport.totals).toEqual({ requested: 0, accepted: 0 });
    // Only their own admin: none of this account's users.
    expect(theirs.data!.liveChatReport.rows).toEqual([{ __typename: 'LiveChatAgentRow' }]);
  });

  it('a visitor token is FORBIDDEN, no token UNAUTHENTICATED', async () => {
    const visitor = await app.gql(`mutation($input: StartConversationInput!) { startConversation(input: $input) { visitorToken } }`, { input: { flowId: played.flowId } });
    const asVisitor = await ask({}, visitor.data!.startConversation.visitorToken);
    expect(asVisitor.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(asVisitor.data).toBeNull();
    const anonymous = await ask({}, '');
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad periods and time zones as BAD_USER_INPUT with a reason and the field, never a 500', async () => {
    const refusal = async (input: Record<string, unknown>) => {
      const result = await ask(input);
      expect(result.status).toBe(200);
      expect(result.data).toBeNull();
      const { code, reason, field } = result.errors![0].extensions!;
      return { code, reason, field };
    };
    const range = (field: string, reason = 'INVALID_RANGE') => ({ code: 'BAD_USER_INPUT', reason, field: ['input', field] });
    expect(await refusal({ to: FROM })).toEqual(range('to'));
    expect(await refusal({ to: plusDays(FROM, -1) })).toEqual(range('to'));
    expect(await refusal({ from: '0001-01-01T00:00:00Z' })).toEqual(range('from'));
    expect(await refusal({ to: '9999-12-31T23:59:59.999Z', from: '9999-12-31T00:00:00Z' })).toEqual(range('to'));
    expect(await refusal({ to: plusDays(FROM, REPORT_LIMITS.maxDays + 1) })).toEqual(range('to', 'RANGE_TOO_LONG'));
    expect(await refusal({ to: plusDays(FROM, REPORT_LIMITS.maxHourDays + 1), groupBy: 'HOUR' })).toEqual(range('to', 'RANGE_TOO_LONG'));
    const zone = range('timeZone', 'INVALID_TIME_ZONE');
    for (const timeZone of ['', ' ', 'Mars/Olympus', 'Etc/Unknown', '+05:00', 'UTC+5', 'Europe/Berlin\'; select pg_sleep(10); --', '../../etc/passwd', 'A'.repeat(65), 'Europe/Berlin/'])
      expect([timeZone, await refusal({ timeZone })]).toEqual([timeZone, zone]);
    // At the bounds, and in every grouping: answered.
    for (const [groupBy, days] of [['DAY', REPORT_LIMITS.maxDays], ['AGENT', REPORT_LIMITS.maxDays], ['FLOW', REPORT_LIMITS.maxDays], ['HOUR', REPORT_LIMITS.maxHourDays]] as const) {
      const result = await ask({ groupBy, to: plusDays(FROM, days), timeZone: 'America/Argentina/Buenos_Aires' });
      expect([groupBy, result.errors]).toEqual([groupBy, undefined]);
    }
    expect((await ask({ groupBy: 'HOUR', to: plusDays(FROM, REPORT_LIMITS.maxHourDays) })).data!.liveChatReport.rows).toHaveLength(REPORT_LIMITS.maxHourDays * 24);
  });

  it('malformed values are refused by the schema before the report runs', async () => {
    for (const input of [{ from: 'yesterday' }, { to: 12 }, { to: '+010000-01-01T00:00:00.000Z' }, { groupBy: 'WEEK' }, { timeZone: null }]) {
      const result = await ask(input);
      expect([input, result.status, result.errors![0].extensions!.code]).toEqual([input, 400, 'BAD_USER_INPUT']);
    }
  });

  it('a zone the runtime knows and the database does not is BAD_USER_INPUT too', async () => {
    // Past the input checks (the two tz databases can differ): PostgreSQL's refusal is mapped.
    const scope = { accountId: '00000000-0000-7000-8000-000000000000', from: new Date(FROM), to: new Date(plusDays(FROM, 1)), timeZone: 'Mars/Olympus' };
    const report = { groupBy: LiveChatReportGrouping.DAY, scope } as LiveChatReport;
    const failure = await app.runtime.services.reports.rows(app.runtime.orm.em.fork(), report).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLError);
    expect((failure as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_TIME_ZONE', field: ['input', 'timeZone'] });
  });
});
