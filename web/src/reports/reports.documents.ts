import { graphql } from '../graphql/generated';

export const HeadlineFiguresFragment = graphql(`
  fragment HeadlineFigures on LiveChatFigures {
    requested
    accepted
    missed
    abandoned
    timeToAccept {
      medianSeconds
    }
    firstResponse {
      medianSeconds
    }
  }
`);

/** Today, 7 and 30 days, each with the period before it: totals only (no rows are computed). */
export const ReportHeadlinesDocument = graphql(`
  query ReportHeadlines(
    $today: LiveChatReportInput!
    $todayBefore: LiveChatReportInput!
    $week: LiveChatReportInput!
    $weekBefore: LiveChatReportInput!
    $month: LiveChatReportInput!
    $monthBefore: LiveChatReportInput!
  ) {
    today: liveChatReport(input: $today) {
      totals {
        ...HeadlineFigures
      }
    }
    todayBefore: liveChatReport(input: $todayBefore) {
      totals {
        ...HeadlineFigures
      }
    }
    week: liveChatReport(input: $week) {
      totals {
        ...HeadlineFigures
      }
    }
    weekBefore: liveChatReport(input: $weekBefore) {
      totals {
        ...HeadlineFigures
      }
    }
    month: liveChatReport(input: $month) {
      totals {
        ...HeadlineFigures
      }
    }
    monthBefore: liveChatReport(input: $monthBefore) {
      totals {
        ...HeadlineFigures
      }
    }
  }
`);

export const AgentRowFragment = graphql(`
  fragment AgentReportRow on LiveChatAgentRow {
    agent {
      id
      name
    }
    accepted
    missedWhileAccepting
    acceptingSeconds
    timeToAccept {
      medianSeconds
    }
    firstResponse {
      medianSeconds
    }
    ratings
    ratingAverage
  }
`);

export const FlowRowFragment = graphql(`
  fragment FlowReportRow on LiveChatFlowRow {
    flow {
      id
      name
    }
    conversations
    offered
    offerAccepted
    detailsGiven
    requested
    accepted
    missed
    messagesLeft
  }
`);

/** The chosen period in detail: per day, the wait distribution, per agent and per flow. */
export const ReportDetailsDocument = graphql(`
  query ReportDetails($byDay: LiveChatReportInput!, $byAgent: LiveChatReportInput!, $byFlow: LiveChatReportInput!) {
    byDay: liveChatReport(input: $byDay) {
      timeToAcceptDistribution {
        fromSeconds
        toSeconds
        chats
      }
      rows {
        ... on LiveChatPeriodRow {
          start
          label
          figures {
            requested
            accepted
            missed
          }
        }
      }
    }
    byAgent: liveChatReport(input: $byAgent) {
      rows {
        ...AgentReportRow
      }
    }
    byFlow: liveChatReport(input: $byFlow) {
      rows {
        ...FlowReportRow
      }
    }
  }
`);
