import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { Contact } from '../contacts/contact.entity';
import { Conversation } from '../conversations/conversation.entity';
import { ActivityActor, ActivityEventConnection, ActivityFilterInput } from '../conversations/conversation.types';
import { ConnectionArgs } from '../relay/connection';
import { expectGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import { User } from '../users/user.entity';
import { ActivityEvent } from './activity-event.entity';

@Resolver(() => ActivityEvent)
export class ActivityResolver {
  @Authorized(Access.MEMBER)
  @Query(() => ActivityEventConnection, { description: 'The account’s activity stream, newest first.' })
  activityStream(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ActivityFilterInput, { nullable: true, description: 'Narrow by contact, conversation or event types.' }) filter: ActivityFilterInput | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return services.activity.list(
      em,
      (viewer as MemberViewer).accountId,
      {
        contactId: filter?.contactId ? expectGlobalId(filter.contactId, 'Contact', 'filter.contactId') : undefined,
        conversationId: filter?.conversationId ? expectGlobalId(filter.conversationId, 'Conversation', 'filter.conversationId') : undefined,
        types: filter?.types ?? undefined,
      },
      args,
    );
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact concerned, if any.' })
  contact(@Root() event: ActivityEvent, @Ctx() { em }: GraphQLContext) {
    return event.contact ? em.findOne(Contact, event.contact.id) : null;
  }

  @FieldResolver(() => Conversation, { nullable: true, description: 'The conversation concerned, if any: from it, the full transcript.' })
  conversation(@Root() event: ActivityEvent, @Ctx() { em }: GraphQLContext) {
    return event.conversation ? em.findOne(Conversation, event.conversation.id) : null;
  }

  @FieldResolver(() => ActivityActor, { description: 'Who caused the event.' })
  async actor(@Root() event: ActivityEvent, @Ctx() { em }: GraphQLContext): Promise<ActivityActor> {
    return { kind: event.actorKind, user: event.actorUser ? await em.findOne(User, event.actorUser.id) : null };
  }
}
