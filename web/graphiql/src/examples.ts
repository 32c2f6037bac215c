import type { GraphiQLProps } from 'graphiql';

type ExampleTab = NonNullable<GraphiQLProps['defaultTabs']>[number];

/** Variables are JSON text in GraphiQL; written as objects here so they stay valid. */
const json = (value: unknown) => JSON.stringify(value, null, 2);

// GraphiQL titles each tab with its operation name, so every example is named. Keep the `#`
// comments at the start of a line: GraphiQL reads the title from the first line that is not
// a comment and mentions `query|mutation|subscription <Name>`.

/**
 * Every field of a flow step, as ListFlows shows it and as the UpdateFlow tab is prefilled
 * from: the output has the input's shape, so a step copied from here can be sent back as is.
 */
export const FLOW_STEP_FIELDS = `key
kind
text
next
# QUESTION without options: the contact field
# that stores the answer.
field
options {
  key
  label
  next
}
# Only on LIVE_CHAT steps.
liveChat {
  offerMessage
  acceptLabel
  declineLabel
  declineNext
  handoffMessage
  timeoutSeconds
  timeoutMessage
  collectContactDetails {
    enabled
    namePrompt
    emailPrompt
  }
  # Skip the offer while nobody is accepting chats?
  skipWhenNobodyAvailable
  unavailableMessage
  # Outside business hours or with nobody accepting:
  # WAIT (as usual) or LEAVE_MESSAGE (take a message).
  offlineMode
  leaveMessagePrompt
  leaveMessageThanks
  # Where the bot carries on once a user ends the chat
  # (thanks, a rating question); null: the conversation ends.
  afterChatNext
}`;

const indent = (text: string, by: number) => text.replace(/^/gm, ' '.repeat(by));

export const LIST_FLOWS = `# List flows
# The account's flows, oldest first, with their
# draft steps. The "UpdateFlow" and "PublishFlow"
# tabs start with the first one; to edit another,
# copy its \`id\` and \`steps\` into their variables.
query ListFlows {
  flows(first: 20) {
    edges {
      node {
        id
        name
        # DRAFT until first published, then PUBLISHED.
        status
        # True when the draft differs from the published one.
        hasUnpublishedChanges
        # What new conversations start on (null until
        # published).
        publishedVersion {
          version
          publishedAt
        }
        # The draft steps; conversations start at the first.
        steps {
${indent(FLOW_STEP_FIELDS, 10)}
        }
      }
    }
  }
}
`;

/** The flow the UpdateFlow and PublishFlow tabs start with, or why there is none. */
export type FlowPrefill =
  | { kind: 'flow'; flow: { id: string; name: string; steps: unknown[] }; more: boolean }
  | { kind: 'no-flow' }
  | { kind: 'unavailable'; reason: string };

const UPDATE_FLOW_OPERATION = `mutation UpdateFlow($input: UpdateFlowInput!) {
  updateFlow(input: $input) {
    flow {
      id
      name
      # True once the draft differs from what is published.
      hasUnpublishedChanges
    }
    userErrors {
      code
      message
      field
    }
  }
}
`;

const UPDATE_FLOW_RULES = `# \`steps\` replaces all of the draft's steps. Running
# conversations keep the version they started on;
# visitors see the change only after "PublishFlow".
# Mistakes come back as userErrors, and nothing is
# saved: a code, and the path of the field at fault,
# e.g. UNKNOWN_STEP at
# ["input", "steps", "1", "options", "0", "next"].`;

function updateFlowQuery(prefill: FlowPrefill): string {
  const oneLine = (text: string) => text.replace(/\s+/g, ' ');
  let about: string;
  switch (prefill.kind) {
    case 'flow':
      about = `# The variables below hold the draft of the flow
# "${oneLine(prefill.flow.name)}" as it is now${prefill.more ? '\n# (the first of your flows; ListFlows shows all).' : '.'}
# Running this unchanged changes nothing: edit
# only what you mean to change, e.g. one
# timeoutSeconds. "Reset example tabs" loads the
# current draft again.`;
      break;
    case 'no-flow':
      about = `# Your account has no flow yet, so there is nothing
# to edit here: create one with the "CreateFlow"
# tab, then press "Reset example tabs" to load it.`;
      break;
    case 'unavailable':
      about = `# Your flows could not be loaded (${oneLine(prefill.reason)}).
# Run "ListFlows" and copy a flow's \`id\`, \`name\`
# and \`steps\` into the variables below.`;
      break;
  }
  return `# Update a flow\n${about}\n${UPDATE_FLOW_RULES}\n${UPDATE_FLOW_OPERATION}`;
}

/** The flow as UpdateFlow input: its steps without their null fields, which mean "not set". */
function updateFlowVariables(prefill: FlowPrefill): string {
  if (prefill.kind !== 'flow') return json({ input: { id: '<a flow id from ListFlows>' } });
  const { id, name, steps } = prefill.flow;
  return json({ input: { id, name, steps: withoutNulls(steps) } });
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => (field === null ? [] : [[key, withoutNulls(field)]])));
  return value;
}

export const PUBLISH_FLOW = `# Publish a flow
# Freezes the draft into a new version, which new
# conversations start on (an unchanged draft returns
# the existing version). Publishing checks the whole
# flow: every \`next\` exists, every step and an END
# are reachable, and a LIVE_CHAT step needs live chat
# enabled for the account.
mutation PublishFlow($id: ID!) {
  publishFlow(id: $id) {
    flowVersion {
      version
      publishedAt
    }
    flow {
      status
      # False right after publishing.
      hasUnpublishedChanges
    }
    userErrors {
      code
      message
      field
    }
  }
}
`;

function publishFlowVariables(prefill: FlowPrefill): string {
  return json({ id: prefill.kind === 'flow' ? prefill.flow.id : '<a flow id from ListFlows>' });
}

export const CREATE_FLOW = `# Create a flow
# Saves a new flow as a DRAFT: visitors cannot start it
# until you publish it ("PublishFlow" with the new
# id). Conversations start at the first step (at most
# 200 steps).
mutation CreateFlow($input: CreateFlowInput!) {
  createFlow(input: $input) {
    flow {
      id
      name
      status
      steps {
        key
        kind
      }
    }
    userErrors {
      code
      message
      field
    }
  }
}
`;

export const CREATE_FLOW_VARIABLES = json({
  input: {
    name: 'Pricing page',
    steps: [
      { key: 'hello', kind: 'MESSAGE', text: 'Hi! Questions about our plans?', next: 'company' },
      // A QUESTION without options stores the free-text answer in a contact field.
      { key: 'company', kind: 'QUESTION', text: 'Which company are you with?', field: 'company', next: 'size' },
      {
        key: 'size',
        kind: 'QUESTION',
        text: 'How many people would use ChatOnce?',
        options: [
          { key: 'small', label: '1–10', next: 'bye' },
          { key: 'large', label: 'More than 10', next: 'sales' },
        ],
      },
      {
        key: 'sales',
        kind: 'LIVE_CHAT',
        liveChat: {
          offerMessage: 'Shall I connect you with our sales team?',
          acceptLabel: 'Yes, please',
          declineLabel: 'Not now',
          declineNext: 'bye',
          handoffMessage: 'One moment, someone from sales is joining.',
          timeoutSeconds: 90,
          timeoutMessage: 'Everyone is busy right now; we’ll email you shortly.',
          collectContactDetails: { enabled: true, namePrompt: 'What’s your name?', emailPrompt: 'And your work email?' },
        },
      },
      { key: 'bye', kind: 'END', text: 'Thanks! Have a look at our pricing page any time.' },
    ],
  },
});

export const WATCH_INBOX = `# Watch the inbox
# Chats entering (ADDED) and leaving (REMOVED, with
# a reason) the live-chat inbox, over a websocket
# until you press stop. Events arrive while you are accepting
# chats (the switch in the inbox): start a chat from
# the website widget to see one.
subscription WatchInbox {
  incomingChats {
    kind
    # ACCEPTED, ENDED or TIMED_OUT (REMOVED only).
    reason
    conversation {
      id
      status
      contact {
        name
        email
        # Answers to the bot, by field name.
        fields
      }
    }
  }
}
`;

/**
 * The tabs a first visit (or "Reset example tabs") opens with, UpdateFlow and PublishFlow
 * filled in from the account's own flow; GraphiQL keeps the user's own tabs after that.
 */
export function exampleTabs(prefill: FlowPrefill): ExampleTab[] {
  return [
    { query: LIST_FLOWS },
    { query: updateFlowQuery(prefill), variables: updateFlowVariables(prefill) },
    { query: PUBLISH_FLOW, variables: publishFlowVariables(prefill) },
    { query: CREATE_FLOW, variables: CREATE_FLOW_VARIABLES },
    { query: WATCH_INBOX },
  ];
}
