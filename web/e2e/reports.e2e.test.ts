import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { playScript, type PlayedScript, type Script } from '../../api/src/reports/report-script';
import { TEST_PASSWORD } from '../../api/src/test/fixtures';
import { startTestApp, type TestApp } from '../../api/src/test/test-app';
import type { HeadlineFiguresFragment } from '../../web/src/graphql/generated/graphql';
import { deltaText, HEADLINE_METRICS, metricText } from '../../web/src/reports/headline-metrics';
import { formatBucket, formatCount, formatRating, formatSeconds, formatShare } from '../../web/src/reports/report-format';
import { PERIODS } from '../../web/src/reports/report-periods';
import { expectNoSidewaysScroll, expectOnScreen, launchBrowser, lowContrastTexts, newAgentPage, screenshot, signIn, type Phone } from './browser';

const ZONE = 'Europe/Berlin';
const ago = (now: number, days: number, minutes = 0) => new Date(now - days * 86_400_000 - minutes * 60_000).toISOString();

/** Chats over the last 45 days: today, yesterday, this week, the weeks before, last month. */
function scriptAt(now: number): Script {
  return {
    timeoutSeconds: 120,
    chats: [
      { requestedAt: ago(now, 0, 3), outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 25, replies: [{ from: 'agent', after: 8 }], endAfter: 120, endedBy: 'agent', rating: 5 },
      { requestedAt: ago(now, 0, 2), outcome: 'accepted', acceptedBy: 'ben', waitSeconds: 70, replies: [{ from: 'agent', after: 20 }] },
      { requestedAt: ago(now, 0, 1), outcome: 'missed' },
      { requestedAt: ago(now, 1, 10), outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 40, replies: [{ from: 'agent', after: 12 }], endAfter: 300, endedBy: 'visitor', rating: 4 },
      { requestedAt: ago(now, 1, 20), outcome: 'missed' },
      { requestedAt: ago(now, 3), outcome: 'accepted', acceptedBy: 'ben', waitSeconds: 15, replies: [{ from: 'agent', after: 5 }], endAfter: 200, endedBy: 'agent' },
      { requestedAt: ago(now, 5), outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 200, replies: [{ from: 'agent', after: 45 }], endAfter: 600, endedBy: 'agent', rating: 3 },
      { requestedAt: ago(now, 5, -60), outcome: 'abandoned', waitSeconds: 50 },
      { requestedAt: ago(now, 10), outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 30, replies: [{ from: 'agent', after: 9 }], endAfter: 240, endedBy: 'agent' },
      { requestedAt: ago(now, 12), outcome: 'missed' },
      { requestedAt: ago(now, 20), outcome: 'accepted', acceptedBy: 'ben', waitSeconds: 700, replies: [{ from: 'agent', after: 30 }], endAfter: 400, endedBy: 'agent' },
      { requestedAt: ago(now, 40), outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 50, endAfter: 90, endedBy: 'agent' },
      { requestedAt: ago(now, 45), outcome: 'missed' },
    ],
    visits: [
      { startedAt: ago(now, 2), path: 'declines' },
      { startedAt: ago(now, 4), path: 'leavesMessage' },
    ],
    periods: [
      { who: 'ana', from: ago(now, 46), to: ago(now, 30) },
      { who: 'ana', from: ago(now, 25), to: ago(now, 0, 30) },
      { who: 'ben', from: ago(now, 21), to: ago(now, 0, 10) },
    ],
  };
}

const HEADLINES = /* GraphQL */ `query($input: LiveChatReportInput!) { liveChatReport(input: $input) { totals { requested accepted missed abandoned timeToAccept { medianSeconds } firstResponse { medianSeconds } } } }`;
const DETAILS = /* GraphQL */ `
  query($day: LiveChatReportInput!, $agent: LiveChatReportInput!, $flow: LiveChatReportInput!) {
    byDay: liveChatReport(input: $day) { timeToAcceptDistribution { fromSeconds toSeconds chats } rows { ... on LiveChatPeriodRow { label figures { requested accepted missed } } } }
    byAgent: liveChatReport(input: $agent) { rows { ... on LiveChatAgentRow { agent { id name } accepted missedWhileAccepting acceptingSeconds timeToAccept { medianSeconds } firstResponse { medianSeconds } ratings ratingAverage } } }
    byFlow: liveChatReport(input: $flow) { rows { ... on LiveChatFlowRow { flow { id name } conversations offered offerAccepted detailsGiven requested accepted missed messagesLeft } } }
  }
`;

interface AgentRow {
  agent: { id: string; name: string };
  accepted: number;
  missedWhileAccepting: number;
  acceptingSeconds: number;
  timeToAccept: { medianSeconds: number | null };
  firstResponse: { medianSeconds: number | null };
  ratings: number;
  ratingAverage: number | null;
}

const cellTexts = (row: Locator) => row.locator('th, td').allTextContents();

describe.each<[string, Phone | undefined]>([
  ['desktop', undefined],
  ['320 px phone', { width: 320, height: 640 }],
])('the Reports page shows what the API computes (%s)', (_screen, phone) => {
  let app: TestApp;
  let browser: Browser;
  let played: PlayedScript;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser().catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    played = await playScript(app, scriptAt(Date.now()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const api = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await app.gql<T>(query, variables, played.admin.token);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const range = async (element: Locator, prefix = '') => ({ from: (await element.getAttribute(`data-${prefix}from`))!, to: (await element.getAttribute(`data-${prefix}to`))! });

  it('headlines for today, 7 and 30 days against the period before; per day, time to accept, agents and flows; CSV', async () => {
    ({ page } = await newAgentPage(browser, app.url, { phone, timezoneId: ZONE }));
    await signIn(page, played.admin.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByTestId('reports-lead').getByText(`(${ZONE})`).waitFor();

    // Each headline card: its numbers and deltas are the API's for the ranges the card states.
    let thirtyDays = 0;
    for (const { key } of PERIODS) {
      const card = page.getByTestId(`headline-${key}`);
      await card.getByTestId('metric-value').first().waitFor();
      const current = (await api<{ liveChatReport: { totals: HeadlineFiguresFragment } }>(HEADLINES, { input: { ...(await range(card)), timeZone: ZONE, groupBy: 'DAY' } })).liveChatReport.totals;
      const previous = (await api<{ liveChatReport: { totals: HeadlineFiguresFragment } }>(HEADLINES, { input: { ...(await range(card, 'previous-')), timeZone: ZONE, groupBy: 'DAY' } })).liveChatReport.totals;
      const period = PERIODS.find((candidate) => candidate.key === key)!;
      const headline = { period: { ...period, current: await range(card), previous: await range(card, 'previous-') }, current, previous };
      for (const metric of HEADLINE_METRICS) {
        const shown = card.locator(`[data-metric="${metric.key}"]`);
        expect([key, metric.key, await shown.getByTestId('metric-value').textContent(), await shown.getByTestId('metric-delta').textContent()]).toEqual([key, metric.key, metricText(metric, current), deltaText(metric, headline)]);
      }
      if (key === 'month') thirtyDays = current.requested;
    }
    // The script's chats of the last 30 days (whatever the hour the test runs).
    expect(thirtyDays).toBeGreaterThanOrEqual(9);

    const details = page.getByTestId('report-details');
    const check = async () => {
      const { from, to } = await range(details);
      const input = (groupBy: string) => ({ from, to, timeZone: ZONE, groupBy });
      const data = await api<{
        byDay: { timeToAcceptDistribution: { fromSeconds: number; toSeconds: number | null; chats: number }[]; rows: { label: string; figures: { requested: number; accepted: number; missed: number } }[] };
        byAgent: { rows: AgentRow[] };
        byFlow: { rows: { flow: { id: string; name: string }; conversations: number; offered: number; offerAccepted: number; detailsGiven: number; requested: number; accepted: number; missed: number; messagesLeft: number }[] };
      }>(DETAILS, { day: input('DAY'), agent: input('AGENT'), flow: input('FLOW') });

      // Per day: the chart draws every day's bars; its numbers are the API's, day by day.
      await page.getByTestId('daily-chart').locator('.recharts-bar-rectangle').first().waitFor();
      const toggle = page.getByTestId('report-days').locator('summary');
      if (!(await page.getByTestId('report-days').locator('details').getAttribute('open'))) await toggle.click();
      const dayRows = page.getByTestId('day-row');
      await expect(dayRows).toHaveCountOf(data.byDay.rows.length);
      for (const [index, day] of data.byDay.rows.entries()) {
        expect(await cellTexts(dayRows.nth(index))).toEqual([day.label, formatCount(day.figures.requested), formatCount(day.figures.accepted), formatCount(day.figures.missed)]);
      }
      const wait = page.getByTestId('wait-row');
      await expect(wait).toHaveCountOf(7);
      for (const [index, bucket] of data.byDay.timeToAcceptDistribution.entries()) {
        expect(await cellTexts(wait.nth(index))).toEqual([formatBucket(bucket.fromSeconds, bucket.toSeconds), formatCount(bucket.chats)]);
      }
      expect(await page.getByTestId('wait-chart').locator('.recharts-bar-rectangle').count()).toBe(data.byDay.timeToAcceptDistribution.filter((bucket) => bucket.chats > 0).length);

      const agents = page.getByTestId('agent-row');
      await expect(agents).toHaveCountOf(data.byAgent.rows.length);
      for (const [index, row] of data.byAgent.rows.entries()) {
        expect(await cellTexts(agents.nth(index))).toEqual([
          row.agent.name,
          formatCount(row.accepted),
          formatCount(row.missedWhileAccepting),
          formatSeconds(row.timeToAccept.medianSeconds),
          formatSeconds(row.firstResponse.medianSeconds),
          formatSeconds(row.acceptingSeconds),
          formatRating(row.ratingAverage, row.ratings),
        ]);
      }
      const flows = page.getByTestId('flow-row');
      await expect(flows).toHaveCountOf(data.byFlow.rows.length);
      for (const [index, row] of data.byFlow.rows.entries()) {
        expect(await cellTexts(flows.nth(index))).toEqual([
          row.flow.name,
          formatCount(row.conversations),
          formatCount(row.offered),
          `${formatCount(row.offerAccepted)} (${formatShare(row.offerAccepted, row.offered)})`,
          formatCount(row.detailsGiven),
          `${formatCount(row.accepted)} of ${formatCount(row.requested)}`,
          formatCount(row.missed),
          formatCount(row.messagesLeft),
        ]);
      }
      return data;
    };

    // 30 days is shown first.
    expect(await details.getAttribute('data-period')).toBe('month');
    const month = await check();
    expect(month.byAgent.rows.map((row) => row.agent.name)).toEqual(['Ana', 'Ben', 'Ada Admin']);

    // The agents table as CSV: the API's rows, raw numbers.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the agents table as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('agents-month.csv');
    const csv = readFileSync((await file.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe('Agent,Accepted,Missed while accepting,Median time to accept (s),Median first response (s),Time accepting chats (s),Ratings,Average rating');
    expect(csv.slice(1)).toEqual(
      month.byAgent.rows.map((row) =>
        [row.agent.name, row.accepted, row.missedWhileAccepting, row.timeToAccept.medianSeconds ?? '', row.firstResponse.medianSeconds ?? '', row.acceptingSeconds, row.ratings, row.ratingAverage ?? ''].join(','),
      ),
    );
    // Every table has its CSV button, reachable on a phone too.
    const csvButtons = page.getByRole('button', { name: /as CSV$/ });
    expect(await csvButtons.count()).toBe(5);
    if (phone) {
      for (let index = 0; index < 5; index++) await expectOnScreen(page, csvButtons.nth(index));
      await expectOnScreen(page, page.getByRole('button', { name: '7 days' }));
      await expectNoSidewaysScroll(page);
    }
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, phone ? `reports-${phone.width}` : 'reports');
    if (!phone) {
      // The charts and the agents below them (the day table folded again).
      await page.getByTestId('report-days').locator('summary').click();
      await page.evaluate(() => document.querySelector('[data-testid="report-days"]')!.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'reports-details');
    }

    // Another period: the details follow it, still the API's.
    await page.getByRole('button', { name: '7 days' }).click();
    await page.locator('[data-testid="report-details"][data-period="week"]').waitFor();
    const week = await check();
    expect(week.byDay.rows).toHaveLength(7);
  });
});

declare global {
  namespace jest {
    interface Matchers<R> {
      toHaveCountOf(count: number): Promise<R>;
    }
  }
}

// Waits (up to 10 s) until the locator matches exactly `count` elements.
expect.extend({
  async toHaveCountOf(locator: Locator, count: number) {
    const deadline = Date.now() + 10_000;
    let seen = await locator.count();
    while (seen !== count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await locator.count();
    }
    return { pass: seen === count, message: () => `expected ${count} elements, found ${seen}` };
  },
});
