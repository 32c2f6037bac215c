import { appendFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FieldNode, type OperationDefinitionNode } from 'graphql';

/**
 * Every `userErrors` code each mutation can return: what integrators branch on, published in
 * each mutation's description (build-schema.ts) and in docs/USER_ERRORS.md. It cannot drift
 * silently: every response is checked against it (userErrorCataloguePlugin), and in tests a
 * code missing here fails the test file that produced it (test-app.ts).
 */
export const MUTATION_USER_ERRORS: Readonly<Record<string, readonly string[]>> = {
  acceptChat: ['ALREADY_ACCEPTED', 'AT_CAPACITY', 'CONVERSATION_NOT_FOUND', 'NOT_ACCEPTING_CHATS', 'NOT_A_USER', 'NOT_OFFERED', 'NOT_WAITING'],
  addNote: ['CONVERSATION_NOT_FOUND', 'EMPTY_MESSAGE', 'NOTE_TOO_LONG'],
  createApiKey: ['EXPIRY_IN_PAST', 'EXPIRY_TOO_FAR', 'INVALID_NAME', 'NO_SCOPES'],
  createCannedResponse: ['CANNED_RESPONSES_LIMIT', 'INVALID_BODY', 'INVALID_SHORTCUT', 'INVALID_TITLE', 'SHORTCUT_TAKEN'],
  createFlow: ['DUPLICATE_OPTION_KEY', 'DUPLICATE_STEP_KEY', 'EMPTY_VALUE', 'FIELD_NOT_ALLOWED', 'FLOW_EMPTY', 'INVALID_FIELD_NAME', 'INVALID_KEY', 'INVALID_NAME', 'MISSING_FIELD', 'OUT_OF_RANGE', 'UNKNOWN_STEP'],
  createUser: ['EMAIL_TAKEN', 'INVALID_EMAIL', 'INVALID_NAME', 'WEAK_PASSWORD'],
  createWebhookEndpoint: ['INVALID_URL', 'NO_EVENTS', 'PRIVATE_ADDRESS', 'UNKNOWN_EVENT_TYPE'],
  deactivateUser: ['CANNOT_DEACTIVATE_SELF', 'LAST_ADMIN', 'USER_NOT_FOUND'],
  deleteCannedResponse: ['CANNED_RESPONSE_NOT_FOUND'],
  deleteContact: ['CONTACT_ALREADY_ERASED', 'CONTACT_NOT_FOUND'],
  deleteWebhookEndpoint: ['ENDPOINT_NOT_FOUND'],
  endChat: ['CONVERSATION_CLOSED', 'CONVERSATION_NOT_FOUND'],
  exportContact: ['CONTACT_NOT_FOUND', 'EXPORT_TOO_LARGE'],
  login: ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'USER_DEACTIVATED'],
  markRead: ['CONVERSATION_NOT_FOUND', 'INVALID_CURSOR'],
  publishFlow: ['DUPLICATE_OPTION_KEY', 'DUPLICATE_STEP_KEY', 'EMPTY_VALUE', 'FIELD_NOT_ALLOWED', 'FLOW_EMPTY', 'FLOW_NOT_FOUND', 'INVALID_FIELD_NAME', 'INVALID_KEY', 'INVALID_NAME', 'LIVE_CHAT_NOT_ENABLED', 'MISSING_FIELD', 'NO_REACHABLE_END', 'OUT_OF_RANGE', 'UNKNOWN_STEP', 'UNREACHABLE_STEP'],
  rateConversation: ['ALREADY_RATED', 'COMMENT_TOO_LONG', 'CONVERSATION_NOT_FOUND', 'INVALID_SCORE', 'NOT_A_VISITOR', 'NOT_RATEABLE'],
  reactivateUser: ['USER_NOT_FOUND'],
  redeliverWebhook: ['DELIVERY_IN_PROGRESS', 'DELIVERY_NOT_FOUND', 'ENDPOINT_DISABLED'],
  revokeApiKey: ['API_KEY_NOT_FOUND'],
  rotateIdentitySecret: [],
  rotateWebhookSecret: ['ENDPOINT_NOT_FOUND', 'INVALID_OVERLAP'],
  sendMessage: ['CONVERSATION_CLOSED', 'CONVERSATION_NOT_FOUND', 'EMPTY_MESSAGE', 'INVALID_OPTION', 'NOT_ACTIVE', 'NOT_ASSIGNED', 'NOT_A_USER', 'NOT_EXPECTING_REPLY', 'TOO_MANY_MESSAGES'],
  sendTestWebhook: ['ENDPOINT_DISABLED', 'ENDPOINT_NOT_FOUND', 'TOO_MANY_TEST_WEBHOOKS'],
  setAcceptingChats: ['NOT_A_USER', 'USER_DEACTIVATED', 'USER_NOT_FOUND'],
  setLiveChatEnabled: ['ACCOUNT_NOT_FOUND'],
  setPresence: ['CONVERSATION_NOT_FOUND'],
  setTyping: ['CONVERSATION_NOT_FOUND', 'NOT_ASSIGNED', 'TOO_MANY_SIGNALS'],
  signUp: ['EMAIL_TAKEN', 'INVALID_EMAIL', 'INVALID_NAME', 'WEAK_PASSWORD'],
  startConversation: ['FLOW_NOT_FOUND', 'FLOW_NOT_PUBLISHED', 'IDENTITY_NOT_CONFIGURED', 'INVALID_EMAIL', 'INVALID_IDENTITY', 'TOO_MANY_CONVERSATIONS'],
  transferChat: ['AT_CAPACITY', 'CONVERSATION_CLOSED', 'CONVERSATION_NOT_FOUND', 'NOT_ACTIVE', 'NOT_ASSIGNED', 'NOT_A_USER', 'TARGET_NOT_AVAILABLE'],
  updateAccountSettings: ['INVALID_BUSINESS_HOURS', 'INVALID_OFFER_SECONDS', 'INVALID_REMINDER_SECONDS', 'INVALID_TIME_ZONE'],
  updateCannedResponse: ['CANNED_RESPONSE_NOT_FOUND', 'INVALID_BODY', 'INVALID_SHORTCUT', 'INVALID_TITLE', 'SHORTCUT_TAKEN'],
  updateFlow: ['DUPLICATE_OPTION_KEY', 'DUPLICATE_STEP_KEY', 'EMPTY_VALUE', 'FIELD_NOT_ALLOWED', 'FLOW_EMPTY', 'FLOW_NOT_FOUND', 'INVALID_FIELD_NAME', 'INVALID_KEY', 'INVALID_NAME', 'MISSING_FIELD', 'OUT_OF_RANGE', 'UNKNOWN_STEP'],
  updateUser: ['INVALID_CAPACITY', 'LAST_ADMIN', 'USER_NOT_FOUND'],
  updateWebhookEndpoint: ['ENDPOINT_NOT_FOUND', 'INVALID_URL', 'NO_EVENTS', 'PRIVATE_ADDRESS', 'UNKNOWN_EVENT_TYPE'],
};

export interface UndeclaredUserError {
  mutation: string;
  code: string;
}

const undeclared: UndeclaredUserError[] = [];

/** The codes seen since the last call that the catalogue does not list (tests fail on any). */
export function takeUndeclaredUserErrors(): UndeclaredUserError[] {
  return undeclared.splice(0);
}

/**
 * Checks each mutation's `userErrors` against the catalogue. With USER_ERRORS_RECORD set (a
 * file), every code seen is appended there too: how the catalogue is brought up to date.
 */
export function userErrorCataloguePlugin(
  onUndeclared: (entry: UndeclaredUserError) => void,
): ApolloServerPlugin {
  const record = process.env.USER_ERRORS_RECORD;
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation }) {
          if (
            operation?.operation !== 'mutation' ||
            response.body.kind !== 'single'
          )
            return;
          const data = response.body.singleResult.data as
            | Record<string, { userErrors?: { code: string }[] } | null>
            | null
            | undefined;
          if (!data) return;
          for (const field of rootFields(operation)) {
            for (const { code } of data[field.alias?.value ?? field.name.value]
              ?.userErrors ?? []) {
              if (typeof code !== 'string') continue; // `code` not selected
              const mutation = field.name.value;
              if (record)
                appendFileSync(
                  record,
                  `${JSON.stringify({ mutation, code })}\n`,
                );
              if (!MUTATION_USER_ERRORS[mutation]?.includes(code)) {
                undeclared.push({ mutation, code });
                onUndeclared({ mutation, code });
              }
            }
          }
        },
      };
    },
  };
}

function rootFields(operation: OperationDefinitionNode): FieldNode[] {
  return operation.selectionSet.selections.filter(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD,
  );
}
