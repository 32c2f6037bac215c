import { startTestApp, type TestApp } from '../test/test-app';
import { playScript, type PlayedScript, type Script } from './report-script';

/**
 * The live-chat report against a known script (report-script.ts: played through the API, then
 * its times set in the database). Europe/Berlin leaves summer time on Sunday 2026-10-25 at
 * 03:00 CEST (01:00 UTC): that local day has 25 hours, 02:00–03:00 happens twice, and a chat at
 * 22:30 UTC is on the next local day. The report runs over three local days, 24 to 26 October.
 *
 *   chat  requested (UTC)       local (Berlin)        outcome
 *   A1    10-24 08:00           24th 10:00 CEST       Ana after 20 s, replies +5 +40 +70 (a visitor line while waiting), ends +300, rated 5;
 *                                                       the bot asks how it went, answered a minute later (the conversation ends then)
 *   A2    10-24 21:30           24th 23:30 CEST       fumbles the offer; Ben after 40 s, replies +15 +100, visitor ends +600, rated 3
 *   A3    10-24 22:30           25th 00:30 CEST       Ana after 90 s, reply +30, ends +120
 *   A4    10-25 00:30           25th 02:30 CEST       Ana after 10 s, only the visitor writes (+20), visitor ends +200
 *   A5    10-25 01:30           25th 02:30 CET        missed (timeout 120 s)
 *   A6    10-25 22:30           25th 23:30 CET        the visitor leaves after 45 s of waiting
 *   A7    10-25 23:30           26th 00:30 CET        Ben after 400 s, reply +60, transferred to Ana, visitor +90 +100, ends +150
 *   A8    10-26 10:00           26th 11:00 CET        missed
 *   A9    10-26 12:00           26th 13:00 CET        still waiting
 *   A10   10-26 13:00           26th 14:00 CET        ended by the admin after 30 s of waiting
 *   B1    10-23 21:59:59        23rd 23:59:59 CEST    outside (before `from`): Ana after 30 s
 *   B2    10-26 23:00:30        27th 00:00:30 CET     outside (after `to`): missed, while Ben was accepting
 *
 * Every conversation starts a minute before its request, so B2 started inside the period: the
 * flows' funnel (by start) counts it, the other figures (by request) do not. Chats an agent ends
 * go back to the bot (the flow's `afterChatNext`); A3, A7 and B1 leave its question unanswered,
 * so their conversations have not ended: durations end with the live part (LIVE_CHAT_ENDED).
 */
const FROM = '2026-10-23T22:00:00.000Z'; // 24 October 00:00 CEST
const TO = '2026-10-26T23:00:00.000Z'; // 27 October 00:00 CET
const ZONE = 'Europe/Berlin';

const SCRIPT: Script = {
  timeoutSeconds: 120,
  chats: [
    {
      requestedAt: '2026-10-24T08:00:00Z',
      outcome: 'accepted',
      acceptedBy: 'ana',
      waitSeconds: 20,
      waitingMessageAfter: 10,
      replies: [{ from: 'agent', after: 5 }, { from: 'visitor', after: 40 }, { from: 'agent', after: 70 }],
      endAfter: 300,
      endedBy: 'agent',
      rating: 5,
      afterChat: { answer: 'great', after: 60 },
    },
    { requestedAt: '2026-10-24T21:30:00Z', outcome: 'accepted', acceptedBy: 'ben', fumblesOffer: true, waitSeconds: 40, replies: [{ from: 'agent', after: 15 }, { from: 'visitor', after: 100 }], endAfter: 600, endedBy: 'visitor', rating: 3 },
    { requestedAt: '2026-10-24T22:30:00Z', outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 90, replies: [{ from: 'agent', after: 30 }], endAfter: 120, endedBy: 'agent' },
    { requestedAt: '2026-10-25T00:30:00Z', outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 10, replies: [{ from: 'visitor', after: 20 }], endAfter: 200, endedBy: 'visitor' },
    { requestedAt: '2026-10-25T01:30:00Z', outcome: 'missed' },
    { requestedAt: '2026-10-25T22:30:00Z', outcome: 'abandoned', waitSeconds: 45 },
    { requestedAt: '2026-10-25T23:30:00Z', outcome: 'accepted', acceptedBy: 'ben', waitSeconds: 400, replies: [{ from: 'agent', after: 60 }, { from: 'visitor', after: 90 }, { from: 'visitor', after: 100 }], transferTo: 'ana', endAfter: 150, endedBy: 'agent' },
    { requestedAt: '2026-10-26T10:00:00Z', outcome: 'missed' },
    { requestedAt: '2026-10-26T12:00:00Z', outcome: 'waiting' },
    { requestedAt: '2026-10-26T13:00:00Z', outcome: 'dismissed', waitSeconds: 30 },
    { requestedAt: '2026-10-23T21:59:59Z', outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 30, replies: [{ from: 'agent', after: 1 }], endAfter: 60, endedBy: 'agent', rating: 1 },
    { requestedAt: '2026-10-26T23:00:30Z', outcome: 'missed' },
  ],
  visits: [
    { startedAt: '2026-10-25T12:00:00Z', path: 'declines' },
    { startedAt: '2026-10-25T12:10:00Z', path: 'leavesAtOffer' },
    { startedAt: '2026-10-25T12:20:00Z', path: 'leavesAtName' },
    { startedAt: '2026-10-25T12:30:00Z', path: 'browses' },
    { startedAt: '2026-10-25T09:58:30Z', path: 'leavesMessage' }, // left at 10:00 UTC, 11:00 CET
    { startedAt: '2026-10-23T12:00:00Z', path: 'leavesMessage' }, // outside
  ],
  periods: [
    { who: 'ana', from: '2026-10-23T20:00:00Z', to: '2026-10-23T23:00:00Z' }, // 1 h of it in the period
    { who: 'ana', from: '2026-10-24T07:00:00Z', to: '2026-10-25T01:00:00Z' }, // 18 h; off before A5 times out
    { who: 'ana', from: '2026-10-26T09:00:00Z', to: '2026-10-26T20:00:00Z' }, // 11 h; A8 times out in it
    { who: 'ben', from: '2026-10-24T20:00:00Z', to: '2026-10-26T23:30:00Z' }, // 51 h in the period; A5, A8 (and B2, outside)
  ],
};

const DURATION = 'count medianSeconds p90Seconds maxSeconds averageSeconds';
const FIGURES = `requested accepted missed abandoned dismissed waiting timeToAccept { ${DURATION} } firstResponse { ${DURATION} } chatDuration { ${DURATION} } messagesPerChat offlineMessages ratings ratingAverage`;
const REPORT = /* GraphQL */ `
  query Report($input: LiveChatReportInput!) {
    liveChatReport(input: $input) {
      from to timeZone groupBy
      totals { ${FIGURES} }
      timeToAcceptDistribution { fromSeconds toSeconds chats }
      rows {
        __typename
        ... on LiveChatPeriodRow { start end label figures { ${FIGURES} } }
        ... on LiveChatAgentRow { agent { name } accepted missedWhileAccepting acceptingSeconds timeToAccept { ${DURATION} } firstResponse { ${DURATION} } chatDuration { ${DURATION} } ratings ratingAverage }
        ... on LiveChatFlowRow { flow { id } conversations offered offerAccepted detailsGiven requested accepted missed messagesLeft }
      }
    }
  }
`;

const d = (count: number, medianSeconds: number | null = null, p90Seconds: number | null = null, maxSeconds: number | null = null, averageSeconds: number | null = null) => ({ count, medianSeconds, p90Seconds, maxSeconds, averageSeconds });
const NONE = d(0);
const empty = { requested: 0, accepted: 0, missed: 0, abandoned: 0, dismissed: 0, waiting: 0, timeToAccept: NONE, firstResponse: NONE, chatDuration: NONE, messagesPerChat: null, offlineMessages: 0, ratings: 0, ratingAverage: null };

describe('liveChatReport: a known script, every figure', () => {
  let app: TestApp;
  let played: PlayedScript;
  const report = async (input: Record<string, unknown>, token = played.admin.token) => app.gql(REPORT, { input: { from: FROM, to: TO, timeZone: ZONE, groupBy: 'DAY', ...input } }, token);

  beforeAll(async () => {
    app = await startTestApp();
    played = await playScript(app, SCRIPT);
  });
  afterAll(() => app.close());

  it('totals, the time-to-accept distribution and the days of Europe/Berlin, across the change from summer time', async () => {
    const result = await report({});
    expect(result.errors).toBeUndefined();
    const { totals, timeToAcceptDistribution, rows, ...asked } = result.data!.liveChatReport;
    expect(asked).toEqual({ from: FROM, to: TO, timeZone: ZONE, groupBy: 'DAY' });
    // Waits 10 20 40 90 400; first responses 5 15 30 60 (A4 has none); durations 120 150 200 300 600.
    expect(totals).toEqual({
      requested: 10,
      accepted: 5,
      missed: 2,
      abandoned: 1,
      dismissed: 1,
      waiting: 1,
      timeToAccept: d(5, 40, 276, 400, 112),
      firstResponse: d(4, 22.5, 51, 60, 27.5),
      chatDuration: d(5, 200, 480, 600, 274),
      messagesPerChat: 2,
      offlineMessages: 1,
      ratings: 2,
      ratingAverage: 4,
    });
    expect(timeToAcceptDistribution).toEqual([
      { fromSeconds: 0, toSeconds: 10, chats: 0 },
      { fromSeconds: 10, toSeconds: 30, chats: 2 },
      { fromSeconds: 30, toSeconds: 60, chats: 1 },
      { fromSeconds: 60, toSeconds: 120, chats: 1 },
      { fromSeconds: 120, toSeconds: 300, chats: 0 },
      { fromSeconds: 300, toSeconds: 600, chats: 1 },
      { fromSeconds: 600, toSeconds: null, chats: 0 },
    ]);
    expect(rows).toEqual([
      {
        __typename: 'LiveChatPeriodRow',
        start: '2026-10-23T22:00:00.000Z',
        end: '2026-10-24T22:00:00.000Z',
        label: '2026-10-24',
        figures: { ...empty, requested: 2, accepted: 2, timeToAccept: d(2, 30, 38, 40, 30), firstResponse: d(2, 10, 14, 15, 10), chatDuration: d(2, 450, 570, 600, 450), messagesPerChat: 2.5, ratings: 2, ratingAverage: 4 },
      },
      {
        // 25 hours: A3 at 00:30 CEST and A6 at 23:30 CET are both on the 25th.
        __typename: 'LiveChatPeriodRow',
        start: '2026-10-24T22:00:00.000Z',
        end: '2026-10-25T23:00:00.000Z',
        label: '2026-10-25',
        figures: { ...empty, requested: 4, accepted: 2, missed: 1, abandoned: 1, timeToAccept: d(2, 50, 82, 90, 50), firstResponse: d(1, 30, 30, 30, 30), chatDuration: d(2, 160, 192, 200, 160), messagesPerChat: 1, offlineMessages: 1 },
      },
      {
        __typename: 'LiveChatPeriodRow',
        start: '2026-10-25T23:00:00.000Z',
        end: '2026-10-26T23:00:00.000Z',
        label: '2026-10-26',
        figures: { ...empty, requested: 4, accepted: 1, missed: 1, dismissed: 1, waiting: 1, timeToAccept: d(1, 400, 400, 400, 400), firstResponse: d(1, 60, 60, 60, 60), chatDuration: d(1, 150, 150, 150, 150), messagesPerChat: 3 },
      },
    ]);
  });

  it('in UTC the same chats fall on other days', async () => {
    const result = await report({ from: '2026-10-24T00:00:00Z', to: '2026-10-27T00:00:00Z', timeZone: 'UTC' });
    const rows = result.data!.liveChatReport.rows;
    expect(rows.map((row: { label: string; start: string; figures: { requested: number } }) => [row.label, row.start, row.figures.requested])).toEqual([
      ['2026-10-24', '2026-10-24T00:00:00.000Z', 3],
      ['2026-10-25', '2026-10-25T00:00:00.000Z', 4],
      ['2026-10-26', '2026-10-26T00:00:00.000Z', 4],
    ]);
    // B2 (23:00:30 UTC on the 26th) is inside this range, B1 is not.
    expect(result.data!.liveChatReport.totals.requested).toBe(11);
  });

  it('by hour: 25 hours on the 25th, the repeated 02:00 twice, each chat and message left in its own hour', async () => {
    const result = await report({ from: '2026-10-24T22:00:00Z', to: '2026-10-25T23:00:00Z', groupBy: 'HOUR' });
    expect(result.errors).toBeUndefined();
    const rows = result.data!.liveChatReport.rows as { start: string; end: string; label: string; figures: typeof empty }[];
    expect(rows).toHaveLength(25);
    expect(rows.slice(0, 5).map((row) => row.label)).toEqual(['2026-10-25T00:00+02:00', '2026-10-25T01:00+02:00', '2026-10-25T02:00+02:00', '2026-10-25T02:00+01:00', '2026-10-25T03:00+01:00']);
    expect(rows.at(-1)).toMatchObject({ label: '2026-10-25T23:00+01:00', start: '2026-10-25T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z' });
    rows.forEach((row, index) => expect(row.start).toBe(new Date(Date.parse('2026-10-24T22:00:00Z') + index * 3_600_000).toISOString()));
    const busy = rows.filter((row) => row.figures.requested || row.figures.offlineMessages).map((row) => [row.label, row.figures.requested, row.figures.accepted, row.figures.missed, row.figures.abandoned, row.figures.offlineMessages]);
    expect(busy).toEqual([
      ['2026-10-25T00:00+02:00', 1, 1, 0, 0, 0], // A3
      ['2026-10-25T02:00+02:00', 1, 1, 0, 0, 0], // A4, the first 02:30
      ['2026-10-25T02:00+01:00', 1, 0, 1, 0, 0], // A5, the second 02:30
      ['2026-10-25T11:00+01:00', 0, 0, 0, 0, 1], // the message left
      ['2026-10-25T23:00+01:00', 1, 0, 0, 1, 0], // A6
    ]);
    // A partial first hour starts at `from`; hours count from the local hour of `from`.
    const partial = (await report({ from: '2026-10-25T00:45:00Z', to: '2026-10-25T02:15:00Z', groupBy: 'HOUR' })).data!.liveChatReport.rows;
    expect(partial.map((row: { label: string; start: string; end: string }) => [row.label, row.start, row.end])).toEqual([
      ['2026-10-25T02:00+02:00', '2026-10-25T00:45:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25T02:00+01:00', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
      ['2026-10-25T03:00+01:00', '2026-10-25T02:00:00.000Z', '2026-10-25T02:15:00.000Z'],
    ]);
  });

  it('by agent: who accepted (not who has the chat after a transfer), missed while accepting, active time', async () => {
    const result = await report({ groupBy: 'AGENT' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.liveChatReport.rows).toEqual([
      {
        __typename: 'LiveChatAgentRow',
        agent: { name: 'Ana' },
        accepted: 3, // A1, A3, A4 (A7 was handed to her: still Ben's)
        missedWhileAccepting: 1, // A8 (she had switched off before A5 timed out)
        acceptingSeconds: 108_000, // 1 h + 18 h + 11 h within the period
        timeToAccept: d(3, 20, 76, 90, 40),
        firstResponse: d(2, 17.5, 27.5, 30, 17.5),
        chatDuration: d(3, 200, 280, 300, 206.667),
        ratings: 1,
        ratingAverage: 5,
      },
      {
        __typename: 'LiveChatAgentRow',
        agent: { name: 'Ben' },
        accepted: 2, // A2, A7
        missedWhileAccepting: 2, // A5, A8 (B2 is outside the period)
        acceptingSeconds: 183_600, // 51 h, up to `to`
        timeToAccept: d(2, 220, 364, 400, 220),
        firstResponse: d(2, 37.5, 55.5, 60, 37.5),
        chatDuration: d(2, 375, 555, 600, 375),
        ratings: 1,
        ratingAverage: 3,
      },
      { __typename: 'LiveChatAgentRow', agent: { name: 'Ada Admin' }, accepted: 0, missedWhileAccepting: 0, acceptingSeconds: 0, timeToAccept: NONE, firstResponse: NONE, chatDuration: NONE, ratings: 0, ratingAverage: null },
    ]);
  });

  it('by flow: the funnel from the offer to an accepted chat, over the conversations started in the period', async () => {
    const result = await report({ groupBy: 'FLOW' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.liveChatReport.rows).toEqual([
      // A1–A10, B2 (started at 22:59:30) and the four visits; A2's fumble counts once. B1 started before.
      { __typename: 'LiveChatFlowRow', flow: { id: played.flowId }, conversations: 15, offered: 14, offerAccepted: 12, detailsGiven: 11, requested: 11, accepted: 5, missed: 3, messagesLeft: 0 },
      // The message left in the period (never offered a chat: nobody was available).
      { __typename: 'LiveChatFlowRow', flow: { id: played.offlineFlowId }, conversations: 1, offered: 0, offerAccepted: 0, detailsGiven: 0, requested: 0, accepted: 0, missed: 0, messagesLeft: 1 },
    ]);
  });

  it('after the chat the bot carries on, and passes over a second offer: still one live chat, ending with its live part', async () => {
    const after = await playScript(app, {
      timeoutSeconds: 120,
      chats: [
        // Ended by Ana 100 s after she accepted; the visitor asks for someone again 30 s later.
        { requestedAt: '2026-10-24T08:00:00Z', outcome: 'accepted', acceptedBy: 'ana', waitSeconds: 20, replies: [{ from: 'agent', after: 5 }, { from: 'visitor', after: 50 }], endAfter: 100, endedBy: 'agent', afterChat: { answer: 'again', after: 30 } },
      ],
      visits: [],
      periods: [{ who: 'ana', from: '2026-10-24T07:00:00Z', to: '2026-10-24T09:00:00Z' }],
    });
    const asked = (groupBy: string) => app.gql(REPORT, { input: { from: FROM, to: TO, timeZone: ZONE, groupBy } }, after.admin.token);
    const byDay = (await asked('DAY')).data!.liveChatReport;
    // The visitor's answer to the bot after the chat is not a message of the chat.
    expect(byDay.totals).toEqual({ ...empty, requested: 1, accepted: 1, timeToAccept: d(1, 20, 20, 20, 20), firstResponse: d(1, 5, 5, 5, 5), chatDuration: d(1, 100, 100, 100, 100), messagesPerChat: 2 });
    const [ana] = (await asked('AGENT')).data!.liveChatReport.rows.filter((row: { agent: { name: string } }) => row.agent.name === 'Ana');
    expect(ana).toMatchObject({ accepted: 1, chatDuration: d(1, 100, 100, 100, 100), acceptingSeconds: 7200 });
    // The second offer was never made: one offer, accepted.
    const [flow] = (await asked('FLOW')).data!.liveChatReport.rows;
    expect(flow).toMatchObject({ flow: { id: after.flowId }, conversations: 1, offered: 1, offerAccepted: 1, detailsGiven: 1, requested: 1, accepted: 1, missed: 0 });
  });

  it('an empty period: zeros and nulls, every day listed', async () => {
    const result = await report({ from: '2025-01-01T00:00:00Z', to: '2025-01-03T00:00:00Z', timeZone: 'UTC' });
    expect(result.data!.liveChatReport.totals).toEqual(empty);
    expect(result.data!.liveChatReport.rows.map((row: { label: string; figures: unknown }) => [row.label, row.figures])).toEqual([
      ['2025-01-01', empty],
      ['2025-01-02', empty],
    ]);
  });
});
