import type { EntityClass } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { ActivityEvent } from '../activity/activity-event.entity';
import { Contact } from '../contacts/contact.entity';
import { Conversation } from '../conversations/conversation.entity';
import { Message } from '../messages/message.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { Flow, FlowVersion } from '../flows/flow.entity';
import { decodeGlobalId } from '../relay/global-id';
import { NodeEntity } from '../relay/node';
import type { GraphQLContext } from '../server/context';
import { User, UserRole } from '../users/user.entity';
import { WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook.entity';

/** Types `node(id:)` resolves, each looked up within the caller's account only. */
const NODE_TYPES: Record<string, { entity: EntityClass<NodeEntity>; adminOnly?: boolean }> = {
  Account: { entity: Account },
  User: { entity: User },
  ApiKey: { entity: ApiKey, adminOnly: true },
  Flow: { entity: Flow },
  FlowVersion: { entity: FlowVersion },
  Contact: { entity: Contact },
  Conversation: { entity: Conversation },
  Message: { entity: Message },
  ActivityEvent: { entity: ActivityEvent },
  WebhookEndpoint: { entity: WebhookEndpoint, adminOnly: true },
  WebhookDelivery: { entity: WebhookDelivery, adminOnly: true },
};

@Resolver()
export class NodeResolver {
  @Authorized(Access.MEMBER)
  @Query(() => NodeEntity, { nullable: true, description: 'Any object by its global ID, or null when it does not exist or is outside your account.' })
  async node(@Arg('id', () => ID, { description: 'A global ID.' }) id: string, @Ctx() { em, viewer }: GraphQLContext): Promise<NodeEntity | null> {
    const member = viewer as MemberViewer;
    const decoded = decodeGlobalId(id);
    const type = decoded && NODE_TYPES[decoded.typeName];
    if (!decoded || !type) return null;
    if (type.adminOnly && member.role !== UserRole.ADMIN) return null;
    const where = type.entity === Account ? { id: decoded.id } : { id: decoded.id, account: member.accountId };
    if (type.entity === Account && decoded.id !== member.accountId) return null;
    return em.findOne(type.entity, where as never);
  }
}
