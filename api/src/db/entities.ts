import { Account } from '../accounts/account.entity';
import { ActivityEvent } from '../activity/activity-event.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { CannedResponse } from '../canned-responses/canned-response.entity';
import { Contact } from '../contacts/contact.entity';
import { Conversation } from '../conversations/conversation.entity';
import { Flow, FlowVersion } from '../flows/flow.entity';
import { Message } from '../messages/message.entity';
import { NodeEntity } from '../relay/node';
import { AcceptingPeriod } from '../reports/accepting-period.entity';
import { AgentRouting } from '../routing/agent-routing.entity';
import { User } from '../users/user.entity';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook.entity';

/** Every persisted entity, in one list for the ORM and the migration generator. */
export const entities = [
  NodeEntity,
  Account,
  User,
  ApiKey,
  Flow,
  FlowVersion,
  Contact,
  Conversation,
  Message,
  ActivityEvent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  CannedResponse,
  AcceptingPeriod,
  AgentRouting,
];
