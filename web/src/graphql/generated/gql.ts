/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ActivityEventItem on ActivityEvent {\n    id\n    cursor\n    type\n    occurredAt\n    data\n    actor {\n      kind\n      user {\n        id\n        name\n      }\n    }\n    contact {\n      id\n      name\n      email\n    }\n    conversation {\n      id\n    }\n  }\n": typeof types.ActivityEventItemFragmentDoc,
    "\n  query ActivityStream($first: Int!, $after: String, $filter: ActivityFilter) {\n    activityStream(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          ...ActivityEventItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ActivityStreamDocument,
    "\n  subscription ActivityEvents($after: String) {\n    activityEvents(after: $after) {\n      ...ActivityEventItem\n    }\n  }\n": typeof types.ActivityEventsDocument,
    "\n  fragment ChatLastMessage on Conversation {\n    id\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n": typeof types.ChatLastMessageFragmentDoc,
    "\n  fragment AdminApiKey on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.AdminApiKeyFragmentDoc,
    "\n  query AdminApiKeys {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          ...AdminApiKey\n        }\n      }\n    }\n  }\n": typeof types.AdminApiKeysDocument,
    "\n  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        ...AdminApiKey\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AdminCreateApiKeyDocument,
    "\n  mutation AdminRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      apiKey {\n        ...AdminApiKey\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AdminRevokeApiKeyDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      acceptingChats\n      account {\n        id\n        name\n        liveChatEnabled\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SetAcceptingChats($accepting: Boolean!) {\n    setAcceptingChats(accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SetAcceptingChatsDocument,
    "\n  fragment AccountBusinessHours on Account {\n    id\n    openNow\n    businessHours {\n      timeZone\n      weekly {\n        day\n        opens\n        closes\n      }\n      exceptions {\n        date\n        closed\n        intervals {\n          opens\n          closes\n        }\n      }\n    }\n  }\n": typeof types.AccountBusinessHoursFragmentDoc,
    "\n  query BusinessHours {\n    account {\n      ...AccountBusinessHours\n    }\n  }\n": typeof types.BusinessHoursDocument,
    "\n  mutation UpdateBusinessHours($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AccountBusinessHours\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.UpdateBusinessHoursDocument,
    "\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      name\n      email\n      fields\n      createdAt\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            status\n            endReason\n            createdAt\n            endedAt\n            pageUrl\n            flow {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ContactPageDocument,
    "\n  fragment TranscriptMessage on Message {\n    id\n    author\n    body\n    createdAt\n    senderName\n    clientMessageId\n    cursor\n  }\n": typeof types.TranscriptMessageFragmentDoc,
    "\n  fragment ConversationDetails on Conversation {\n    id\n    status\n    endReason\n    endedAt\n    createdAt\n    acceptedAt\n    waitingSince\n    timeoutAt\n    assignee {\n      id\n      name\n    }\n    rating {\n      score\n      comment\n    }\n  }\n": typeof types.ConversationDetailsFragmentDoc,
    "\n  query ConversationView($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationDetails\n      ...VisitorPresence\n      ...ReadState\n      pageUrl\n      referrer\n      locale\n      flow {\n        id\n        name\n      }\n      contact {\n        id\n        name\n        email\n        fields\n      }\n    }\n  }\n": typeof types.ConversationViewDocument,
    "\n  query ConversationMessages($id: ID!, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: 100, after: $after) {\n        edges {\n          node {\n            ...TranscriptMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ConversationMessagesDocument,
    "\n  subscription ConversationEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      cursor\n      message {\n        ...TranscriptMessage\n      }\n      conversation {\n        ...ConversationDetails\n      }\n    }\n  }\n": typeof types.ConversationEventsDocument,
    "\n  mutation SendAgentMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SendAgentMessageDocument,
    "\n  mutation EndChat($conversationId: ID!) {\n    endChat(conversationId: $conversationId) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.EndChatDocument,
    "\n  mutation AddNote($input: AddNoteInput!) {\n    addNote(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AddNoteDocument,
    "\n  subscription ConversationSignals($conversationId: ID!) {\n    conversationSignals(conversationId: $conversationId) {\n      kind\n      by\n      typing\n      preview\n      presence\n      lastSeenAt\n      cursor\n      at\n    }\n  }\n": typeof types.ConversationSignalsDocument,
    "\n  fragment VisitorPresence on Conversation {\n    id\n    visitorPresence\n    visitorLastSeenAt\n  }\n": typeof types.VisitorPresenceFragmentDoc,
    "\n  fragment ReadState on Conversation {\n    id\n    visitorReadCursor\n    agentReadCursor\n  }\n": typeof types.ReadStateFragmentDoc,
    "\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing) {\n      delivered\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SetTypingDocument,
    "\n  mutation MarkRead($conversationId: ID!, $cursor: String!) {\n    markRead(conversationId: $conversationId, cursor: $cursor) {\n      cursor\n      userErrors {\n        code\n      }\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  query SignalledState($id: ID!) {\n    conversation(id: $id) {\n      ...VisitorPresence\n      ...ReadState\n    }\n  }\n": typeof types.SignalledStateDocument,
    "\n  query WaitingPresence {\n    conversations(first: 50, filter: { status: WAITING }) {\n      edges {\n        node {\n          ...VisitorPresence\n        }\n      }\n    }\n  }\n": typeof types.WaitingPresenceDocument,
    "\n  mutation TransferChat($input: TransferChatInput!) {\n    transferChat(input: $input) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.TransferChatDocument,
    "\n  query Flows {\n    flows(first: 100) {\n      edges {\n        node {\n          id\n          name\n          status\n          hasUnpublishedChanges\n          publishedVersion {\n            id\n            version\n            publishedAt\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.FlowsDocument,
    "\n  fragment InboxChat on Conversation {\n    id\n    status\n    createdAt\n    waitingSince\n    timeoutAt\n    offer {\n      round\n      expiresAt\n      user {\n        id\n      }\n    }\n    pageUrl\n    contact {\n      id\n      name\n      email\n      fields\n    }\n  }\n": typeof types.InboxChatFragmentDoc,
    "\n  query LiveChatInbox {\n    liveChatInbox {\n      ...InboxChat\n    }\n  }\n": typeof types.LiveChatInboxDocument,
    "\n  subscription IncomingChats {\n    incomingChats {\n      kind\n      reason\n      waitedSeconds\n      conversation {\n        ...InboxChat\n      }\n    }\n  }\n": typeof types.IncomingChatsDocument,
    "\n  mutation AcceptChat($conversationId: ID!) {\n    acceptChat(conversationId: $conversationId) {\n      conversation {\n        id\n        status\n        acceptedAt\n        assignee {\n          id\n          name\n        }\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AcceptChatDocument,
    "\n  query MessagesLeft($first: Int!, $after: String) {\n    conversations(first: $first, after: $after, filter: { hasOfflineMessage: true }) {\n      edges {\n        node {\n          id\n          offlineMessage {\n            body\n            leftAt\n          }\n          contact {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    account {\n      id\n      openNow\n      businessHours {\n        timeZone\n      }\n    }\n  }\n": typeof types.MessagesLeftDocument,
    "\n  fragment ChatSummary on Conversation {\n    id\n    status\n    acceptedAt\n    updatedAt\n    endReason\n    visitorPresence\n    transferNote\n    transferredBy {\n      id\n      name\n    }\n    contact {\n      id\n      name\n      email\n    }\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n": typeof types.ChatSummaryFragmentDoc,
    "\n  query MyChats($assigneeId: ID!) {\n    conversations(first: 50, filter: { assigneeId: $assigneeId, status: ACTIVE }) {\n      edges {\n        node {\n          ...ChatSummary\n        }\n      }\n    }\n  }\n": typeof types.MyChatsDocument,
    "\n  subscription AssignedChats {\n    assignedChats {\n      kind\n      conversation {\n        ...ChatSummary\n      }\n    }\n  }\n": typeof types.AssignedChatsDocument,
    "\n  fragment HeadlineFigures on LiveChatFigures {\n    requested\n    accepted\n    missed\n    abandoned\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n  }\n": typeof types.HeadlineFiguresFragmentDoc,
    "\n  query ReportHeadlines(\n    $today: LiveChatReportInput!\n    $todayBefore: LiveChatReportInput!\n    $week: LiveChatReportInput!\n    $weekBefore: LiveChatReportInput!\n    $month: LiveChatReportInput!\n    $monthBefore: LiveChatReportInput!\n  ) {\n    today: liveChatReport(input: $today) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    todayBefore: liveChatReport(input: $todayBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    week: liveChatReport(input: $week) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    weekBefore: liveChatReport(input: $weekBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    month: liveChatReport(input: $month) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    monthBefore: liveChatReport(input: $monthBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n  }\n": typeof types.ReportHeadlinesDocument,
    "\n  fragment AgentReportRow on LiveChatAgentRow {\n    agent {\n      id\n      name\n    }\n    accepted\n    missedWhileAccepting\n    acceptingSeconds\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n    ratings\n    ratingAverage\n  }\n": typeof types.AgentReportRowFragmentDoc,
    "\n  fragment FlowReportRow on LiveChatFlowRow {\n    flow {\n      id\n      name\n    }\n    conversations\n    offered\n    offerAccepted\n    detailsGiven\n    requested\n    accepted\n    missed\n    messagesLeft\n  }\n": typeof types.FlowReportRowFragmentDoc,
    "\n  query ReportDetails($byDay: LiveChatReportInput!, $byAgent: LiveChatReportInput!, $byFlow: LiveChatReportInput!) {\n    byDay: liveChatReport(input: $byDay) {\n      timeToAcceptDistribution {\n        fromSeconds\n        toSeconds\n        chats\n      }\n      rows {\n        ... on LiveChatPeriodRow {\n          start\n          label\n          figures {\n            requested\n            accepted\n            missed\n          }\n        }\n      }\n    }\n    byAgent: liveChatReport(input: $byAgent) {\n      rows {\n        ...AgentReportRow\n      }\n    }\n    byFlow: liveChatReport(input: $byFlow) {\n      rows {\n        ...FlowReportRow\n      }\n    }\n  }\n": typeof types.ReportDetailsDocument,
    "\n  fragment AssignmentSettings on Account {\n    id\n    assignment\n    offerSeconds\n  }\n": typeof types.AssignmentSettingsFragmentDoc,
    "\n  query AssignmentSettings {\n    account {\n      ...AssignmentSettings\n    }\n  }\n": typeof types.AssignmentSettingsDocument,
    "\n  mutation UpdateAssignment($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AssignmentSettings\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.UpdateAssignmentDocument,
    "\n  fragment SavedReply on CannedResponse {\n    id\n    shortcut\n    title\n    body\n  }\n": typeof types.SavedReplyFragmentDoc,
    "\n  query SavedReplies {\n    cannedResponses {\n      ...SavedReply\n    }\n  }\n": typeof types.SavedRepliesDocument,
    "\n  mutation CreateSavedReply($input: CreateCannedResponseInput!) {\n    createCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.CreateSavedReplyDocument,
    "\n  mutation UpdateSavedReply($input: UpdateCannedResponseInput!) {\n    updateCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.UpdateSavedReplyDocument,
    "\n  mutation DeleteSavedReply($id: ID!) {\n    deleteCannedResponse(id: $id) {\n      deletedCannedResponseId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.DeleteSavedReplyDocument,
    "\n  fragment TeamMember on User {\n    id\n    name\n    role\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n  }\n": typeof types.TeamMemberFragmentDoc,
    "\n  query Team {\n    team {\n      members {\n        ...TeamMember\n      }\n      waitingChats {\n        id\n        waitingSince\n        createdAt\n        offer {\n          user {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": typeof types.TeamDocument,
    "\n  mutation SetTeammateAccepting($userId: ID!, $accepting: Boolean!) {\n    setAcceptingChats(userId: $userId, accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SetTeammateAcceptingDocument,
    "\n  mutation SetCapacity($userId: ID!, $maxConcurrentChats: Int) {\n    updateUser(input: { userId: $userId, maxConcurrentChats: $maxConcurrentChats }) {\n      user {\n        id\n        maxConcurrentChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SetCapacityDocument,
    "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    deactivatedAt\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n    createdAt\n  }\n": typeof types.AdminUserFragmentDoc,
    "\n  query AdminUsers($filter: UserFilter) {\n    users(first: 100, filter: $filter) {\n      edges {\n        node {\n          ...AdminUser\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AdminCreateUserDocument,
    "\n  mutation AdminSetRole($userId: ID!, $role: UserRole!) {\n    updateUser(input: { userId: $userId, role: $role }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AdminSetRoleDocument,
    "\n  mutation AdminDeactivateUser($userId: ID!) {\n    deactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      requeuedConversations {\n        id\n        status\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AdminDeactivateUserDocument,
    "\n  mutation AdminReactivateUser($userId: ID!) {\n    reactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AdminReactivateUserDocument,
    "\n  fragment AdminWebhookEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    events\n    enabled\n    disabledAt\n    disabledReason\n    createdAt\n  }\n": typeof types.AdminWebhookEndpointFragmentDoc,
    "\n  query AdminWebhookEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...AdminWebhookEndpoint\n        }\n      }\n    }\n  }\n": typeof types.AdminWebhookEndpointsDocument,
    "\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AdminCreateWebhookEndpointDocument,
    "\n  mutation AdminUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AdminUpdateWebhookEndpointDocument,
    "\n  mutation AdminDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedEndpointId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AdminDeleteWebhookEndpointDocument,
    "\n  fragment AdminWebhookDelivery on WebhookDelivery {\n    id\n    eventType\n    status\n    attemptCount\n    createdAt\n    completedAt\n    nextAttemptAt\n    skippedReason\n    webhookId\n    attempts {\n      id\n      attemptNumber\n      startedAt\n      durationMs\n      responseStatus\n      error\n    }\n  }\n": typeof types.AdminWebhookDeliveryFragmentDoc,
    "\n  query AdminWebhookDeliveries($endpointId: ID!, $after: String) {\n    node(id: $endpointId) {\n      id\n      ... on WebhookEndpoint {\n        ...AdminWebhookEndpoint\n      }\n    }\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      edges {\n        node {\n          ...AdminWebhookDelivery\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminWebhookDeliveriesDocument,
    "\n  mutation AdminRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        ...AdminWebhookDelivery\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AdminRedeliverWebhookDocument,
};
const documents: Documents = {
    "\n  fragment ActivityEventItem on ActivityEvent {\n    id\n    cursor\n    type\n    occurredAt\n    data\n    actor {\n      kind\n      user {\n        id\n        name\n      }\n    }\n    contact {\n      id\n      name\n      email\n    }\n    conversation {\n      id\n    }\n  }\n": types.ActivityEventItemFragmentDoc,
    "\n  query ActivityStream($first: Int!, $after: String, $filter: ActivityFilter) {\n    activityStream(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          ...ActivityEventItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ActivityStreamDocument,
    "\n  subscription ActivityEvents($after: String) {\n    activityEvents(after: $after) {\n      ...ActivityEventItem\n    }\n  }\n": types.ActivityEventsDocument,
    "\n  fragment ChatLastMessage on Conversation {\n    id\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n": types.ChatLastMessageFragmentDoc,
    "\n  fragment AdminApiKey on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": types.AdminApiKeyFragmentDoc,
    "\n  query AdminApiKeys {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          ...AdminApiKey\n        }\n      }\n    }\n  }\n": types.AdminApiKeysDocument,
    "\n  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        ...AdminApiKey\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AdminCreateApiKeyDocument,
    "\n  mutation AdminRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      apiKey {\n        ...AdminApiKey\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AdminRevokeApiKeyDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      acceptingChats\n      account {\n        id\n        name\n        liveChatEnabled\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SetAcceptingChats($accepting: Boolean!) {\n    setAcceptingChats(accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.SetAcceptingChatsDocument,
    "\n  fragment AccountBusinessHours on Account {\n    id\n    openNow\n    businessHours {\n      timeZone\n      weekly {\n        day\n        opens\n        closes\n      }\n      exceptions {\n        date\n        closed\n        intervals {\n          opens\n          closes\n        }\n      }\n    }\n  }\n": types.AccountBusinessHoursFragmentDoc,
    "\n  query BusinessHours {\n    account {\n      ...AccountBusinessHours\n    }\n  }\n": types.BusinessHoursDocument,
    "\n  mutation UpdateBusinessHours($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AccountBusinessHours\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.UpdateBusinessHoursDocument,
    "\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      name\n      email\n      fields\n      createdAt\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            status\n            endReason\n            createdAt\n            endedAt\n            pageUrl\n            flow {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.ContactPageDocument,
    "\n  fragment TranscriptMessage on Message {\n    id\n    author\n    body\n    createdAt\n    senderName\n    clientMessageId\n    cursor\n  }\n": types.TranscriptMessageFragmentDoc,
    "\n  fragment ConversationDetails on Conversation {\n    id\n    status\n    endReason\n    endedAt\n    createdAt\n    acceptedAt\n    waitingSince\n    timeoutAt\n    assignee {\n      id\n      name\n    }\n    rating {\n      score\n      comment\n    }\n  }\n": types.ConversationDetailsFragmentDoc,
    "\n  query ConversationView($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationDetails\n      ...VisitorPresence\n      ...ReadState\n      pageUrl\n      referrer\n      locale\n      flow {\n        id\n        name\n      }\n      contact {\n        id\n        name\n        email\n        fields\n      }\n    }\n  }\n": types.ConversationViewDocument,
    "\n  query ConversationMessages($id: ID!, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: 100, after: $after) {\n        edges {\n          node {\n            ...TranscriptMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.ConversationMessagesDocument,
    "\n  subscription ConversationEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      cursor\n      message {\n        ...TranscriptMessage\n      }\n      conversation {\n        ...ConversationDetails\n      }\n    }\n  }\n": types.ConversationEventsDocument,
    "\n  mutation SendAgentMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.SendAgentMessageDocument,
    "\n  mutation EndChat($conversationId: ID!) {\n    endChat(conversationId: $conversationId) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.EndChatDocument,
    "\n  mutation AddNote($input: AddNoteInput!) {\n    addNote(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AddNoteDocument,
    "\n  subscription ConversationSignals($conversationId: ID!) {\n    conversationSignals(conversationId: $conversationId) {\n      kind\n      by\n      typing\n      preview\n      presence\n      lastSeenAt\n      cursor\n      at\n    }\n  }\n": types.ConversationSignalsDocument,
    "\n  fragment VisitorPresence on Conversation {\n    id\n    visitorPresence\n    visitorLastSeenAt\n  }\n": types.VisitorPresenceFragmentDoc,
    "\n  fragment ReadState on Conversation {\n    id\n    visitorReadCursor\n    agentReadCursor\n  }\n": types.ReadStateFragmentDoc,
    "\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing) {\n      delivered\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.SetTypingDocument,
    "\n  mutation MarkRead($conversationId: ID!, $cursor: String!) {\n    markRead(conversationId: $conversationId, cursor: $cursor) {\n      cursor\n      userErrors {\n        code\n      }\n    }\n  }\n": types.MarkReadDocument,
    "\n  query SignalledState($id: ID!) {\n    conversation(id: $id) {\n      ...VisitorPresence\n      ...ReadState\n    }\n  }\n": types.SignalledStateDocument,
    "\n  query WaitingPresence {\n    conversations(first: 50, filter: { status: WAITING }) {\n      edges {\n        node {\n          ...VisitorPresence\n        }\n      }\n    }\n  }\n": types.WaitingPresenceDocument,
    "\n  mutation TransferChat($input: TransferChatInput!) {\n    transferChat(input: $input) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.TransferChatDocument,
    "\n  query Flows {\n    flows(first: 100) {\n      edges {\n        node {\n          id\n          name\n          status\n          hasUnpublishedChanges\n          publishedVersion {\n            id\n            version\n            publishedAt\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n": types.FlowsDocument,
    "\n  fragment InboxChat on Conversation {\n    id\n    status\n    createdAt\n    waitingSince\n    timeoutAt\n    offer {\n      round\n      expiresAt\n      user {\n        id\n      }\n    }\n    pageUrl\n    contact {\n      id\n      name\n      email\n      fields\n    }\n  }\n": types.InboxChatFragmentDoc,
    "\n  query LiveChatInbox {\n    liveChatInbox {\n      ...InboxChat\n    }\n  }\n": types.LiveChatInboxDocument,
    "\n  subscription IncomingChats {\n    incomingChats {\n      kind\n      reason\n      waitedSeconds\n      conversation {\n        ...InboxChat\n      }\n    }\n  }\n": types.IncomingChatsDocument,
    "\n  mutation AcceptChat($conversationId: ID!) {\n    acceptChat(conversationId: $conversationId) {\n      conversation {\n        id\n        status\n        acceptedAt\n        assignee {\n          id\n          name\n        }\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AcceptChatDocument,
    "\n  query MessagesLeft($first: Int!, $after: String) {\n    conversations(first: $first, after: $after, filter: { hasOfflineMessage: true }) {\n      edges {\n        node {\n          id\n          offlineMessage {\n            body\n            leftAt\n          }\n          contact {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    account {\n      id\n      openNow\n      businessHours {\n        timeZone\n      }\n    }\n  }\n": types.MessagesLeftDocument,
    "\n  fragment ChatSummary on Conversation {\n    id\n    status\n    acceptedAt\n    updatedAt\n    endReason\n    visitorPresence\n    transferNote\n    transferredBy {\n      id\n      name\n    }\n    contact {\n      id\n      name\n      email\n    }\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n": types.ChatSummaryFragmentDoc,
    "\n  query MyChats($assigneeId: ID!) {\n    conversations(first: 50, filter: { assigneeId: $assigneeId, status: ACTIVE }) {\n      edges {\n        node {\n          ...ChatSummary\n        }\n      }\n    }\n  }\n": types.MyChatsDocument,
    "\n  subscription AssignedChats {\n    assignedChats {\n      kind\n      conversation {\n        ...ChatSummary\n      }\n    }\n  }\n": types.AssignedChatsDocument,
    "\n  fragment HeadlineFigures on LiveChatFigures {\n    requested\n    accepted\n    missed\n    abandoned\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n  }\n": types.HeadlineFiguresFragmentDoc,
    "\n  query ReportHeadlines(\n    $today: LiveChatReportInput!\n    $todayBefore: LiveChatReportInput!\n    $week: LiveChatReportInput!\n    $weekBefore: LiveChatReportInput!\n    $month: LiveChatReportInput!\n    $monthBefore: LiveChatReportInput!\n  ) {\n    today: liveChatReport(input: $today) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    todayBefore: liveChatReport(input: $todayBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    week: liveChatReport(input: $week) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    weekBefore: liveChatReport(input: $weekBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    month: liveChatReport(input: $month) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    monthBefore: liveChatReport(input: $monthBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n  }\n": types.ReportHeadlinesDocument,
    "\n  fragment AgentReportRow on LiveChatAgentRow {\n    agent {\n      id\n      name\n    }\n    accepted\n    missedWhileAccepting\n    acceptingSeconds\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n    ratings\n    ratingAverage\n  }\n": types.AgentReportRowFragmentDoc,
    "\n  fragment FlowReportRow on LiveChatFlowRow {\n    flow {\n      id\n      name\n    }\n    conversations\n    offered\n    offerAccepted\n    detailsGiven\n    requested\n    accepted\n    missed\n    messagesLeft\n  }\n": types.FlowReportRowFragmentDoc,
    "\n  query ReportDetails($byDay: LiveChatReportInput!, $byAgent: LiveChatReportInput!, $byFlow: LiveChatReportInput!) {\n    byDay: liveChatReport(input: $byDay) {\n      timeToAcceptDistribution {\n        fromSeconds\n        toSeconds\n        chats\n      }\n      rows {\n        ... on LiveChatPeriodRow {\n          start\n          label\n          figures {\n            requested\n            accepted\n            missed\n          }\n        }\n      }\n    }\n    byAgent: liveChatReport(input: $byAgent) {\n      rows {\n        ...AgentReportRow\n      }\n    }\n    byFlow: liveChatReport(input: $byFlow) {\n      rows {\n        ...FlowReportRow\n      }\n    }\n  }\n": types.ReportDetailsDocument,
    "\n  fragment AssignmentSettings on Account {\n    id\n    assignment\n    offerSeconds\n  }\n": types.AssignmentSettingsFragmentDoc,
    "\n  query AssignmentSettings {\n    account {\n      ...AssignmentSettings\n    }\n  }\n": types.AssignmentSettingsDocument,
    "\n  mutation UpdateAssignment($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AssignmentSettings\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.UpdateAssignmentDocument,
    "\n  fragment SavedReply on CannedResponse {\n    id\n    shortcut\n    title\n    body\n  }\n": types.SavedReplyFragmentDoc,
    "\n  query SavedReplies {\n    cannedResponses {\n      ...SavedReply\n    }\n  }\n": types.SavedRepliesDocument,
    "\n  mutation CreateSavedReply($input: CreateCannedResponseInput!) {\n    createCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.CreateSavedReplyDocument,
    "\n  mutation UpdateSavedReply($input: UpdateCannedResponseInput!) {\n    updateCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.UpdateSavedReplyDocument,
    "\n  mutation DeleteSavedReply($id: ID!) {\n    deleteCannedResponse(id: $id) {\n      deletedCannedResponseId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.DeleteSavedReplyDocument,
    "\n  fragment TeamMember on User {\n    id\n    name\n    role\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n  }\n": types.TeamMemberFragmentDoc,
    "\n  query Team {\n    team {\n      members {\n        ...TeamMember\n      }\n      waitingChats {\n        id\n        waitingSince\n        createdAt\n        offer {\n          user {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": types.TeamDocument,
    "\n  mutation SetTeammateAccepting($userId: ID!, $accepting: Boolean!) {\n    setAcceptingChats(userId: $userId, accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.SetTeammateAcceptingDocument,
    "\n  mutation SetCapacity($userId: ID!, $maxConcurrentChats: Int) {\n    updateUser(input: { userId: $userId, maxConcurrentChats: $maxConcurrentChats }) {\n      user {\n        id\n        maxConcurrentChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.SetCapacityDocument,
    "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    deactivatedAt\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n    createdAt\n  }\n": types.AdminUserFragmentDoc,
    "\n  query AdminUsers($filter: UserFilter) {\n    users(first: 100, filter: $filter) {\n      edges {\n        node {\n          ...AdminUser\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AdminCreateUserDocument,
    "\n  mutation AdminSetRole($userId: ID!, $role: UserRole!) {\n    updateUser(input: { userId: $userId, role: $role }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AdminSetRoleDocument,
    "\n  mutation AdminDeactivateUser($userId: ID!) {\n    deactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      requeuedConversations {\n        id\n        status\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AdminDeactivateUserDocument,
    "\n  mutation AdminReactivateUser($userId: ID!) {\n    reactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AdminReactivateUserDocument,
    "\n  fragment AdminWebhookEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    events\n    enabled\n    disabledAt\n    disabledReason\n    createdAt\n  }\n": types.AdminWebhookEndpointFragmentDoc,
    "\n  query AdminWebhookEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...AdminWebhookEndpoint\n        }\n      }\n    }\n  }\n": types.AdminWebhookEndpointsDocument,
    "\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AdminCreateWebhookEndpointDocument,
    "\n  mutation AdminUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AdminUpdateWebhookEndpointDocument,
    "\n  mutation AdminDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedEndpointId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AdminDeleteWebhookEndpointDocument,
    "\n  fragment AdminWebhookDelivery on WebhookDelivery {\n    id\n    eventType\n    status\n    attemptCount\n    createdAt\n    completedAt\n    nextAttemptAt\n    skippedReason\n    webhookId\n    attempts {\n      id\n      attemptNumber\n      startedAt\n      durationMs\n      responseStatus\n      error\n    }\n  }\n": types.AdminWebhookDeliveryFragmentDoc,
    "\n  query AdminWebhookDeliveries($endpointId: ID!, $after: String) {\n    node(id: $endpointId) {\n      id\n      ... on WebhookEndpoint {\n        ...AdminWebhookEndpoint\n      }\n    }\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      edges {\n        node {\n          ...AdminWebhookDelivery\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminWebhookDeliveriesDocument,
    "\n  mutation AdminRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        ...AdminWebhookDelivery\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n": types.AdminRedeliverWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityEventItem on ActivityEvent {\n    id\n    cursor\n    type\n    occurredAt\n    data\n    actor {\n      kind\n      user {\n        id\n        name\n      }\n    }\n    contact {\n      id\n      name\n      email\n    }\n    conversation {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment ActivityEventItem on ActivityEvent {\n    id\n    cursor\n    type\n    occurredAt\n    data\n    actor {\n      kind\n      user {\n        id\n        name\n      }\n    }\n    contact {\n      id\n      name\n      email\n    }\n    conversation {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityStream($first: Int!, $after: String, $filter: ActivityFilter) {\n    activityStream(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          ...ActivityEventItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActivityStream($first: Int!, $after: String, $filter: ActivityFilter) {\n    activityStream(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          ...ActivityEventItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ActivityEvents($after: String) {\n    activityEvents(after: $after) {\n      ...ActivityEventItem\n    }\n  }\n"): (typeof documents)["\n  subscription ActivityEvents($after: String) {\n    activityEvents(after: $after) {\n      ...ActivityEventItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatLastMessage on Conversation {\n    id\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n"): (typeof documents)["\n  fragment ChatLastMessage on Conversation {\n    id\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminApiKey on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment AdminApiKey on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminApiKeys {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          ...AdminApiKey\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminApiKeys {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          ...AdminApiKey\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        ...AdminApiKey\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        ...AdminApiKey\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      apiKey {\n        ...AdminApiKey\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      apiKey {\n        ...AdminApiKey\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      acceptingChats\n      account {\n        id\n        name\n        liveChatEnabled\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      acceptingChats\n      account {\n        id\n        name\n        liveChatEnabled\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAcceptingChats($accepting: Boolean!) {\n    setAcceptingChats(accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetAcceptingChats($accepting: Boolean!) {\n    setAcceptingChats(accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountBusinessHours on Account {\n    id\n    openNow\n    businessHours {\n      timeZone\n      weekly {\n        day\n        opens\n        closes\n      }\n      exceptions {\n        date\n        closed\n        intervals {\n          opens\n          closes\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AccountBusinessHours on Account {\n    id\n    openNow\n    businessHours {\n      timeZone\n      weekly {\n        day\n        opens\n        closes\n      }\n      exceptions {\n        date\n        closed\n        intervals {\n          opens\n          closes\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BusinessHours {\n    account {\n      ...AccountBusinessHours\n    }\n  }\n"): (typeof documents)["\n  query BusinessHours {\n    account {\n      ...AccountBusinessHours\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBusinessHours($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AccountBusinessHours\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBusinessHours($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AccountBusinessHours\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      name\n      email\n      fields\n      createdAt\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            status\n            endReason\n            createdAt\n            endedAt\n            pageUrl\n            flow {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactPage($id: ID!) {\n    contact(id: $id) {\n      id\n      name\n      email\n      fields\n      createdAt\n      conversations(first: 20) {\n        edges {\n          node {\n            id\n            status\n            endReason\n            createdAt\n            endedAt\n            pageUrl\n            flow {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TranscriptMessage on Message {\n    id\n    author\n    body\n    createdAt\n    senderName\n    clientMessageId\n    cursor\n  }\n"): (typeof documents)["\n  fragment TranscriptMessage on Message {\n    id\n    author\n    body\n    createdAt\n    senderName\n    clientMessageId\n    cursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationDetails on Conversation {\n    id\n    status\n    endReason\n    endedAt\n    createdAt\n    acceptedAt\n    waitingSince\n    timeoutAt\n    assignee {\n      id\n      name\n    }\n    rating {\n      score\n      comment\n    }\n  }\n"): (typeof documents)["\n  fragment ConversationDetails on Conversation {\n    id\n    status\n    endReason\n    endedAt\n    createdAt\n    acceptedAt\n    waitingSince\n    timeoutAt\n    assignee {\n      id\n      name\n    }\n    rating {\n      score\n      comment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationView($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationDetails\n      ...VisitorPresence\n      ...ReadState\n      pageUrl\n      referrer\n      locale\n      flow {\n        id\n        name\n      }\n      contact {\n        id\n        name\n        email\n        fields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationView($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationDetails\n      ...VisitorPresence\n      ...ReadState\n      pageUrl\n      referrer\n      locale\n      flow {\n        id\n        name\n      }\n      contact {\n        id\n        name\n        email\n        fields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationMessages($id: ID!, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: 100, after: $after) {\n        edges {\n          node {\n            ...TranscriptMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationMessages($id: ID!, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: 100, after: $after) {\n        edges {\n          node {\n            ...TranscriptMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      cursor\n      message {\n        ...TranscriptMessage\n      }\n      conversation {\n        ...ConversationDetails\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ConversationEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      cursor\n      message {\n        ...TranscriptMessage\n      }\n      conversation {\n        ...ConversationDetails\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendAgentMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendAgentMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndChat($conversationId: ID!) {\n    endChat(conversationId: $conversationId) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EndChat($conversationId: ID!) {\n    endChat(conversationId: $conversationId) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddNote($input: AddNoteInput!) {\n    addNote(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddNote($input: AddNoteInput!) {\n    addNote(input: $input) {\n      message {\n        ...TranscriptMessage\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationSignals($conversationId: ID!) {\n    conversationSignals(conversationId: $conversationId) {\n      kind\n      by\n      typing\n      preview\n      presence\n      lastSeenAt\n      cursor\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription ConversationSignals($conversationId: ID!) {\n    conversationSignals(conversationId: $conversationId) {\n      kind\n      by\n      typing\n      preview\n      presence\n      lastSeenAt\n      cursor\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VisitorPresence on Conversation {\n    id\n    visitorPresence\n    visitorLastSeenAt\n  }\n"): (typeof documents)["\n  fragment VisitorPresence on Conversation {\n    id\n    visitorPresence\n    visitorLastSeenAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReadState on Conversation {\n    id\n    visitorReadCursor\n    agentReadCursor\n  }\n"): (typeof documents)["\n  fragment ReadState on Conversation {\n    id\n    visitorReadCursor\n    agentReadCursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing) {\n      delivered\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing) {\n      delivered\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($conversationId: ID!, $cursor: String!) {\n    markRead(conversationId: $conversationId, cursor: $cursor) {\n      cursor\n      userErrors {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRead($conversationId: ID!, $cursor: String!) {\n    markRead(conversationId: $conversationId, cursor: $cursor) {\n      cursor\n      userErrors {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignalledState($id: ID!) {\n    conversation(id: $id) {\n      ...VisitorPresence\n      ...ReadState\n    }\n  }\n"): (typeof documents)["\n  query SignalledState($id: ID!) {\n    conversation(id: $id) {\n      ...VisitorPresence\n      ...ReadState\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WaitingPresence {\n    conversations(first: 50, filter: { status: WAITING }) {\n      edges {\n        node {\n          ...VisitorPresence\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WaitingPresence {\n    conversations(first: 50, filter: { status: WAITING }) {\n      edges {\n        node {\n          ...VisitorPresence\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferChat($input: TransferChatInput!) {\n    transferChat(input: $input) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TransferChat($input: TransferChatInput!) {\n    transferChat(input: $input) {\n      conversation {\n        ...ConversationDetails\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flows {\n    flows(first: 100) {\n      edges {\n        node {\n          id\n          name\n          status\n          hasUnpublishedChanges\n          publishedVersion {\n            id\n            version\n            publishedAt\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Flows {\n    flows(first: 100) {\n      edges {\n        node {\n          id\n          name\n          status\n          hasUnpublishedChanges\n          publishedVersion {\n            id\n            version\n            publishedAt\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InboxChat on Conversation {\n    id\n    status\n    createdAt\n    waitingSince\n    timeoutAt\n    offer {\n      round\n      expiresAt\n      user {\n        id\n      }\n    }\n    pageUrl\n    contact {\n      id\n      name\n      email\n      fields\n    }\n  }\n"): (typeof documents)["\n  fragment InboxChat on Conversation {\n    id\n    status\n    createdAt\n    waitingSince\n    timeoutAt\n    offer {\n      round\n      expiresAt\n      user {\n        id\n      }\n    }\n    pageUrl\n    contact {\n      id\n      name\n      email\n      fields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveChatInbox {\n    liveChatInbox {\n      ...InboxChat\n    }\n  }\n"): (typeof documents)["\n  query LiveChatInbox {\n    liveChatInbox {\n      ...InboxChat\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IncomingChats {\n    incomingChats {\n      kind\n      reason\n      waitedSeconds\n      conversation {\n        ...InboxChat\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription IncomingChats {\n    incomingChats {\n      kind\n      reason\n      waitedSeconds\n      conversation {\n        ...InboxChat\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptChat($conversationId: ID!) {\n    acceptChat(conversationId: $conversationId) {\n      conversation {\n        id\n        status\n        acceptedAt\n        assignee {\n          id\n          name\n        }\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptChat($conversationId: ID!) {\n    acceptChat(conversationId: $conversationId) {\n      conversation {\n        id\n        status\n        acceptedAt\n        assignee {\n          id\n          name\n        }\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesLeft($first: Int!, $after: String) {\n    conversations(first: $first, after: $after, filter: { hasOfflineMessage: true }) {\n      edges {\n        node {\n          id\n          offlineMessage {\n            body\n            leftAt\n          }\n          contact {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    account {\n      id\n      openNow\n      businessHours {\n        timeZone\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagesLeft($first: Int!, $after: String) {\n    conversations(first: $first, after: $after, filter: { hasOfflineMessage: true }) {\n      edges {\n        node {\n          id\n          offlineMessage {\n            body\n            leftAt\n          }\n          contact {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    account {\n      id\n      openNow\n      businessHours {\n        timeZone\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatSummary on Conversation {\n    id\n    status\n    acceptedAt\n    updatedAt\n    endReason\n    visitorPresence\n    transferNote\n    transferredBy {\n      id\n      name\n    }\n    contact {\n      id\n      name\n      email\n    }\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n"): (typeof documents)["\n  fragment ChatSummary on Conversation {\n    id\n    status\n    acceptedAt\n    updatedAt\n    endReason\n    visitorPresence\n    transferNote\n    transferredBy {\n      id\n      name\n    }\n    contact {\n      id\n      name\n      email\n    }\n    lastMessage {\n      id\n      author\n      body\n      createdAt\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyChats($assigneeId: ID!) {\n    conversations(first: 50, filter: { assigneeId: $assigneeId, status: ACTIVE }) {\n      edges {\n        node {\n          ...ChatSummary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyChats($assigneeId: ID!) {\n    conversations(first: 50, filter: { assigneeId: $assigneeId, status: ACTIVE }) {\n      edges {\n        node {\n          ...ChatSummary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AssignedChats {\n    assignedChats {\n      kind\n      conversation {\n        ...ChatSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AssignedChats {\n    assignedChats {\n      kind\n      conversation {\n        ...ChatSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HeadlineFigures on LiveChatFigures {\n    requested\n    accepted\n    missed\n    abandoned\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n  }\n"): (typeof documents)["\n  fragment HeadlineFigures on LiveChatFigures {\n    requested\n    accepted\n    missed\n    abandoned\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportHeadlines(\n    $today: LiveChatReportInput!\n    $todayBefore: LiveChatReportInput!\n    $week: LiveChatReportInput!\n    $weekBefore: LiveChatReportInput!\n    $month: LiveChatReportInput!\n    $monthBefore: LiveChatReportInput!\n  ) {\n    today: liveChatReport(input: $today) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    todayBefore: liveChatReport(input: $todayBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    week: liveChatReport(input: $week) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    weekBefore: liveChatReport(input: $weekBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    month: liveChatReport(input: $month) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    monthBefore: liveChatReport(input: $monthBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportHeadlines(\n    $today: LiveChatReportInput!\n    $todayBefore: LiveChatReportInput!\n    $week: LiveChatReportInput!\n    $weekBefore: LiveChatReportInput!\n    $month: LiveChatReportInput!\n    $monthBefore: LiveChatReportInput!\n  ) {\n    today: liveChatReport(input: $today) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    todayBefore: liveChatReport(input: $todayBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    week: liveChatReport(input: $week) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    weekBefore: liveChatReport(input: $weekBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    month: liveChatReport(input: $month) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n    monthBefore: liveChatReport(input: $monthBefore) {\n      totals {\n        ...HeadlineFigures\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentReportRow on LiveChatAgentRow {\n    agent {\n      id\n      name\n    }\n    accepted\n    missedWhileAccepting\n    acceptingSeconds\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n    ratings\n    ratingAverage\n  }\n"): (typeof documents)["\n  fragment AgentReportRow on LiveChatAgentRow {\n    agent {\n      id\n      name\n    }\n    accepted\n    missedWhileAccepting\n    acceptingSeconds\n    timeToAccept {\n      medianSeconds\n    }\n    firstResponse {\n      medianSeconds\n    }\n    ratings\n    ratingAverage\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FlowReportRow on LiveChatFlowRow {\n    flow {\n      id\n      name\n    }\n    conversations\n    offered\n    offerAccepted\n    detailsGiven\n    requested\n    accepted\n    missed\n    messagesLeft\n  }\n"): (typeof documents)["\n  fragment FlowReportRow on LiveChatFlowRow {\n    flow {\n      id\n      name\n    }\n    conversations\n    offered\n    offerAccepted\n    detailsGiven\n    requested\n    accepted\n    missed\n    messagesLeft\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportDetails($byDay: LiveChatReportInput!, $byAgent: LiveChatReportInput!, $byFlow: LiveChatReportInput!) {\n    byDay: liveChatReport(input: $byDay) {\n      timeToAcceptDistribution {\n        fromSeconds\n        toSeconds\n        chats\n      }\n      rows {\n        ... on LiveChatPeriodRow {\n          start\n          label\n          figures {\n            requested\n            accepted\n            missed\n          }\n        }\n      }\n    }\n    byAgent: liveChatReport(input: $byAgent) {\n      rows {\n        ...AgentReportRow\n      }\n    }\n    byFlow: liveChatReport(input: $byFlow) {\n      rows {\n        ...FlowReportRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportDetails($byDay: LiveChatReportInput!, $byAgent: LiveChatReportInput!, $byFlow: LiveChatReportInput!) {\n    byDay: liveChatReport(input: $byDay) {\n      timeToAcceptDistribution {\n        fromSeconds\n        toSeconds\n        chats\n      }\n      rows {\n        ... on LiveChatPeriodRow {\n          start\n          label\n          figures {\n            requested\n            accepted\n            missed\n          }\n        }\n      }\n    }\n    byAgent: liveChatReport(input: $byAgent) {\n      rows {\n        ...AgentReportRow\n      }\n    }\n    byFlow: liveChatReport(input: $byFlow) {\n      rows {\n        ...FlowReportRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AssignmentSettings on Account {\n    id\n    assignment\n    offerSeconds\n  }\n"): (typeof documents)["\n  fragment AssignmentSettings on Account {\n    id\n    assignment\n    offerSeconds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignmentSettings {\n    account {\n      ...AssignmentSettings\n    }\n  }\n"): (typeof documents)["\n  query AssignmentSettings {\n    account {\n      ...AssignmentSettings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAssignment($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AssignmentSettings\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAssignment($input: UpdateAccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      account {\n        ...AssignmentSettings\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SavedReply on CannedResponse {\n    id\n    shortcut\n    title\n    body\n  }\n"): (typeof documents)["\n  fragment SavedReply on CannedResponse {\n    id\n    shortcut\n    title\n    body\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SavedReplies {\n    cannedResponses {\n      ...SavedReply\n    }\n  }\n"): (typeof documents)["\n  query SavedReplies {\n    cannedResponses {\n      ...SavedReply\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSavedReply($input: CreateCannedResponseInput!) {\n    createCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSavedReply($input: CreateCannedResponseInput!) {\n    createCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSavedReply($input: UpdateCannedResponseInput!) {\n    updateCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSavedReply($input: UpdateCannedResponseInput!) {\n    updateCannedResponse(input: $input) {\n      cannedResponse {\n        ...SavedReply\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSavedReply($id: ID!) {\n    deleteCannedResponse(id: $id) {\n      deletedCannedResponseId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteSavedReply($id: ID!) {\n    deleteCannedResponse(id: $id) {\n      deletedCannedResponseId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TeamMember on User {\n    id\n    name\n    role\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n  }\n"): (typeof documents)["\n  fragment TeamMember on User {\n    id\n    name\n    role\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Team {\n    team {\n      members {\n        ...TeamMember\n      }\n      waitingChats {\n        id\n        waitingSince\n        createdAt\n        offer {\n          user {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Team {\n    team {\n      members {\n        ...TeamMember\n      }\n      waitingChats {\n        id\n        waitingSince\n        createdAt\n        offer {\n          user {\n            id\n            name\n          }\n        }\n        contact {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTeammateAccepting($userId: ID!, $accepting: Boolean!) {\n    setAcceptingChats(userId: $userId, accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTeammateAccepting($userId: ID!, $accepting: Boolean!) {\n    setAcceptingChats(userId: $userId, accepting: $accepting) {\n      user {\n        id\n        acceptingChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCapacity($userId: ID!, $maxConcurrentChats: Int) {\n    updateUser(input: { userId: $userId, maxConcurrentChats: $maxConcurrentChats }) {\n      user {\n        id\n        maxConcurrentChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetCapacity($userId: ID!, $maxConcurrentChats: Int) {\n    updateUser(input: { userId: $userId, maxConcurrentChats: $maxConcurrentChats }) {\n      user {\n        id\n        maxConcurrentChats\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    deactivatedAt\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n    createdAt\n  }\n"): (typeof documents)["\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    active\n    deactivatedAt\n    acceptingChats\n    activeChatCount\n    maxConcurrentChats\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($filter: UserFilter) {\n    users(first: 100, filter: $filter) {\n      edges {\n        node {\n          ...AdminUser\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($filter: UserFilter) {\n    users(first: 100, filter: $filter) {\n      edges {\n        node {\n          ...AdminUser\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetRole($userId: ID!, $role: UserRole!) {\n    updateUser(input: { userId: $userId, role: $role }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetRole($userId: ID!, $role: UserRole!) {\n    updateUser(input: { userId: $userId, role: $role }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDeactivateUser($userId: ID!) {\n    deactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      requeuedConversations {\n        id\n        status\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminDeactivateUser($userId: ID!) {\n    deactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      requeuedConversations {\n        id\n        status\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminReactivateUser($userId: ID!) {\n    reactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminReactivateUser($userId: ID!) {\n    reactivateUser(input: { userId: $userId }) {\n      user {\n        ...AdminUser\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminWebhookEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    events\n    enabled\n    disabledAt\n    disabledReason\n    createdAt\n  }\n"): (typeof documents)["\n  fragment AdminWebhookEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    events\n    enabled\n    disabledAt\n    disabledReason\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWebhookEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...AdminWebhookEndpoint\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminWebhookEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...AdminWebhookEndpoint\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      secret\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      endpoint {\n        ...AdminWebhookEndpoint\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedEndpointId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      deletedEndpointId\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminWebhookDelivery on WebhookDelivery {\n    id\n    eventType\n    status\n    attemptCount\n    createdAt\n    completedAt\n    nextAttemptAt\n    skippedReason\n    webhookId\n    attempts {\n      id\n      attemptNumber\n      startedAt\n      durationMs\n      responseStatus\n      error\n    }\n  }\n"): (typeof documents)["\n  fragment AdminWebhookDelivery on WebhookDelivery {\n    id\n    eventType\n    status\n    attemptCount\n    createdAt\n    completedAt\n    nextAttemptAt\n    skippedReason\n    webhookId\n    attempts {\n      id\n      attemptNumber\n      startedAt\n      durationMs\n      responseStatus\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWebhookDeliveries($endpointId: ID!, $after: String) {\n    node(id: $endpointId) {\n      id\n      ... on WebhookEndpoint {\n        ...AdminWebhookEndpoint\n      }\n    }\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      edges {\n        node {\n          ...AdminWebhookDelivery\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminWebhookDeliveries($endpointId: ID!, $after: String) {\n    node(id: $endpointId) {\n      id\n      ... on WebhookEndpoint {\n        ...AdminWebhookEndpoint\n      }\n    }\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      edges {\n        node {\n          ...AdminWebhookDelivery\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        ...AdminWebhookDelivery\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      delivery {\n        ...AdminWebhookDelivery\n      }\n      userErrors {\n        code\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;