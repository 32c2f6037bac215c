import { IdentityService } from '../identity/identity.service';
import type { Redis } from 'ioredis';
import type { PubSub } from 'type-graphql';
import type { Queues } from '../../../jobs/queues';
import { AccountService } from '../accounts/account.service';
import { ActivityService } from '../activity/activity.service';
import { ApiKeyService } from '../api-keys/api-key.service';
import { AuthService } from '../auth/auth.service';
import { CannedResponseService } from '../canned-responses/canned-response.service';
import type { Config } from '../config/config';
import { ContactService } from '../contacts/contact.service';
import { ContactPrivacyService } from '../contacts/contact-privacy.service';
import { ChatEndingService } from '../conversations/chat-ending.service';
import { ConversationService } from '../conversations/conversation.service';
import { RequeueService } from '../conversations/requeue.service';
import { TransferService } from '../conversations/transfer.service';
import { WaitEstimates } from '../conversations/wait-estimates';
import { FlowService } from '../flows/flow.service';
import type { Logger } from '../logging/logger';
import { MessageService } from '../messages/message.service';
import { NoteService } from '../notes/note.service';
import { RatingService } from '../ratings/rating.service';
import { QueryBudget } from '../rate-limits/query-budget';
import { PresenceService } from '../presence/presence.service';
import { ReadStateService } from '../presence/read-state.service';
import { SignalService } from '../presence/signal.service';
import { EventDispatcher } from '../realtime/dispatcher';
import { ReminderService } from '../reminders/reminder.service';
import { LiveChatReportService } from '../reports/live-chat-report.service';
import { RoutingService } from '../routing/routing.service';
import { TeamService } from '../team/team.service';
import { UserService } from '../users/user.service';
import { WebhookService } from '../webhooks/webhook.service';

export interface ServiceDeps {
  config: Config;
  logger: Logger;
  redis: Redis;
  pubSub: PubSub;
  queues: Queues;
}

/** The services resolvers and jobs call; built once per process. */
export function createServices({ config, logger, redis, pubSub, queues }: ServiceDeps) {
  const dispatcher = new EventDispatcher(pubSub, queues, logger);
  const webhooks = new WebhookService(config, queues, logger);
  const activity = new ActivityService(webhooks);
  const messages = new MessageService();
  const signals = new SignalService({ config, redis, pubSub });
  const routing = new RoutingService({ activity, dispatcher });
  const chatEndings = new ChatEndingService({ config, activity, messages, dispatcher, routing });
  const identity = new IdentityService(config);
  return {
    accounts: new AccountService(config, routing),
    activity,
    apiKeys: new ApiKeyService(dispatcher),
    auth: new AuthService(config, redis),
    cannedResponses: new CannedResponseService(),
    chatEndings,
    contacts: new ContactService(),
    contactPrivacy: new ContactPrivacyService({ activity, chatEndings, dispatcher }),
    conversations: new ConversationService({ config, redis, activity, messages, dispatcher, routing, identity }),
    dispatcher,
    flows: new FlowService(),
    identity,
    team: new TeamService(),
    transfers: new TransferService({ activity, messages, dispatcher, routing }),
    messages,
    notes: new NoteService({ activity, messages, dispatcher }),
    queryBudget: new QueryBudget(redis, config),
    ratings: new RatingService({ activity, dispatcher }),
    presence: new PresenceService({ config, redis, pubSub, logger }),
    readState: new ReadStateService(signals),
    signals,
    reminders: new ReminderService({ redis, queues, dispatcher }),
    reports: new LiveChatReportService(),
    routing,
    users: new UserService(dispatcher, new RequeueService({ activity, messages, routing })),
    waitEstimates: new WaitEstimates(),
    webhooks,
  };
}

export type Services = ReturnType<typeof createServices>;
