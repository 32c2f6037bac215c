import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AccountResolver } from '../accounts/account.resolver';
import { ActivityResolver } from '../activity/activity.resolver';
import { ApiKeyResolver } from '../api-keys/api-key.resolver';
import { authChecker } from '../auth/auth-checker';
import { guardNodeFields } from '../auth/tenant-access';
import { AuthResolver } from '../auth/auth.resolver';
import { CannedResponseResolver } from '../canned-responses/canned-response.resolver';
import { ContactResolver } from '../contacts/contact.resolver';
import { ConversationResolver, MessageResolver } from '../conversations/conversation.resolver';
import { FlowResolver, FlowVersionResolver } from '../flows/flow.resolver';
import { LiveChatSettingsResolver } from '../flows/live-chat-settings.resolver';
import { NoteResolver } from '../notes/note.resolver';
import { OfflineMessageResolver } from '../offline-messages/offline-message.resolver';
import { RateLimitResolver } from '../rate-limits/rate-limit.resolver';
import { RatingResolver } from '../ratings/rating.resolver';
import { LiveChatReportResolver } from '../reports/live-chat-report.resolver';
import { TeamResolver } from '../team/team.resolver';
import { UserResolver } from '../users/user.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from '../webhooks/webhook.resolver';
import { ConversationSignalsResolver, MarkReadPayloadResolver } from '../presence/presence.resolver';
import { NodeResolver } from './node.resolver';

export const resolvers = [
  AccountResolver,
  ActivityResolver,
  ApiKeyResolver,
  AuthResolver,
  CannedResponseResolver,
  ContactResolver,
  ConversationResolver,
  ConversationSignalsResolver,
  FlowResolver,
  FlowVersionResolver,
  LiveChatReportResolver,
  LiveChatSettingsResolver,
  MarkReadPayloadResolver,
  MessageResolver,
  NodeResolver,
  NoteResolver,
  OfflineMessageResolver,
  RateLimitResolver,
  RatingResolver,
  TeamResolver,
  UserResolver,
  WebhookDeliveryResolver,
  WebhookResolver,
] as const;

// Subscriptions here bring their own `subscribe` functions (over Redis, see server/pub-sub.ts),
// so type-graphql's topic-based pub/sub must never be reached.
const noTopicPubSub: PubSub = {
  publish: () => {
    throw new Error('publish through the EventDispatcher, not type-graphql topics');
  },
  subscribe: () => {
    throw new Error('subscriptions use their own subscribe functions');
  },
};

/** Builds the executable schema: root fields guarded by `@Authorized`, every object by the tenant rule. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    pubSub: noTopicPubSub,
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
  return guardNodeFields(schema);
}

export const SDL_HEADER = '# This file is generated from the code by `npm run schema:emit`. Do not edit it by hand.\n\n';

/** The SDL as checked in: sorted, so that diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return SDL_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
