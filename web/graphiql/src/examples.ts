import type { GraphiQLProps } from 'graphiql';

type ExampleTab = NonNullable<GraphiQLProps['defaultTabs']>[number];

/** Variables are JSON text in GraphiQL; written as objects here so they stay valid. */
const json = (value: unknown) => JSON.stringify(value, null, 2);

// GraphiQL titles each tab with its operation name, so every example is named. Keep the `#`
// comments at the start of a line: GraphiQL reads the title from the first line that is not
// a comment and mentions `query|mutation|subscription <Name>`.

export const LIST_FLOWS = `# List flows
# The account's flows, oldest first, with their
# draft steps. Copy an \`id\` from here into the
# variables of the "UpdateFlow" and "PublishFlow"
# tabs.
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
          key
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
          }
        }
      }
    }
  }
}
`;

export const UPDATE_FLOW = `# Update a flow
# Replaces the draft's steps (and name, if given).
# Paste a flow id into the variables below. Running
# conversations keep the version they started on;
# visitors see the change only after "PublishFlow".
# Mistakes come back as userErrors: a code, and the
# path of the field at fault, e.g. UNKNOWN_STEP at
# ["input", "steps", "1", "options", "0", "next"].
mutation UpdateFlow($input: UpdateFlowInput!) {
  updateFlow(input: $input) {
    flow {
      id
      name
      # True now: the draft differs from what is published.
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

/**
 * A realistic flow: greet (MESSAGE), qualify (QUESTION with options), offer a human
 * (LIVE_CHAT with every setting), say goodbye (END). Every step is reachable, as publishing
 * requires.
 */
const exampleSteps = [
  { key: 'welcome', kind: 'MESSAGE', text: 'Hi! I’m the Acme assistant.', next: 'need' },
  {
    key: 'need',
    kind: 'QUESTION',
    text: 'What brings you here today?',
    options: [
      { key: 'pricing', label: 'Pricing for my team', next: 'live' },
      { key: 'browsing', label: 'Just looking', next: 'bye' },
    ],
  },
  {
    key: 'live',
    kind: 'LIVE_CHAT',
    liveChat: {
      offerMessage: 'Would you like to talk to someone from our sales team right now?',
      acceptLabel: 'Yes, connect me',
      declineLabel: 'No, thanks',
      declineNext: 'bye',
      handoffMessage: 'Great, I’m connecting you with someone from our team.',
      timeoutSeconds: 120,
      timeoutMessage: 'Sorry, everyone is busy right now. We’ll get back to you by email soon.',
      collectContactDetails: {
        enabled: true,
        namePrompt: 'While I find someone: what’s your name?',
        emailPrompt: 'And your email address, in case we get cut off?',
      },
    },
  },
  { key: 'bye', kind: 'END', text: 'Thanks for visiting. Have a great day!' },
];

export const UPDATE_FLOW_VARIABLES = json({
  input: {
    id: '<paste a flow id from List flows>',
    name: 'Website qualifier',
    steps: exampleSteps,
  },
});

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

export const PUBLISH_FLOW_VARIABLES = json({ id: '<paste a flow id from List flows>' });

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

/** The tabs a first visit opens with; GraphiQL keeps the user's own tabs after that. */
export const EXAMPLE_TABS: ExampleTab[] = [
  { query: LIST_FLOWS },
  { query: UPDATE_FLOW, variables: UPDATE_FLOW_VARIABLES },
  { query: PUBLISH_FLOW, variables: PUBLISH_FLOW_VARIABLES },
  { query: CREATE_FLOW, variables: CREATE_FLOW_VARIABLES },
  { query: WATCH_INBOX },
];
