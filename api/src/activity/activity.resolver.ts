import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import { isMember, type MemberViewer } from '../auth/viewer';
import { badUserInput, forbidden, unauthenticated } from '../errors/graphql-errors';
import type { ActivityMessage } from '../realtime/after-commit';
import { sharedLiveRead } from '../realtime/per-event';
import { replayThenLive } from '../realtime/replay-then-live';
import { Topic } from '../realtime/topics';
import { activityCursor } from '../relay/position-cursor';
import { Contact } from '../contacts/contact.entity';
import { Conversation } from '../conversations/conversation.entity';
import { ActivityActor, ActivityEventConnection, ActivityFilterInput, ActivityOrderInput } from '../conversations/conversation.types';
import { sortDirection } from '../relay/order';
import { ConnectionArgs } from '../relay/connection';
import { expectGlobalId } from '../relay/global-id';
import { freshEntityManagerForEvent, type GraphQLContext } from '../server/context';
import { ActivityEvent } from './activity-event.entity';

@Resolver(() => ActivityEvent)
export class ActivityResolver {
  @Authorized(Access.MEMBER)
  @Query(() => ActivityEventConnection, { description: 'The account’s activity stream, newest first unless `orderBy` says otherwise.' })
  activityStream(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ActivityFilterInput, { nullable: true, description: 'Narrow by contact, conversation, event types or time.' }) filter: ActivityFilterInput | null,
    @Arg('orderBy', () => ActivityOrderInput, { nullable: true, description: 'Newest first (the default) or oldest first.' }) orderBy: ActivityOrderInput | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return services.activity.list(
      em,
      (viewer as MemberViewer).accountId,
      {
        contactId: filter?.contactId ? expectGlobalId(filter.contactId, 'Contact', 'filter.contactId') : undefined,
        conversationId: filter?.conversationId ? expectGlobalId(filter.conversationId, 'Conversation', 'filter.conversationId') : undefined,
        types: filter?.types ?? undefined,
        occurredAfter: filter?.occurredAfter,
        occurredBefore: filter?.occurredBefore,
      },
      args,
      sortDirection(orderBy?.direction),
    );
  }

  @Subscription(() => ActivityEvent, {
    description:
      'The account’s activity feed for integrations, oldest first. With `after` (an event’s `cursor`), first replays every event since, then streams new ones live: a client that was disconnected catches up exactly, with nothing missed or repeated.',
    subscribe: async ({ args, context }) => {
      const { em, viewer, listen, services } = context as GraphQLContext;
      if (viewer.kind === 'anonymous') throw unauthenticated();
      if (!isMember(viewer)) throw forbidden('The activity feed is for users and API keys of the account.');
      const after = activityCursor.decode(args.after as string | undefined, viewer.accountId);
      if (after > (await services.activity.lastPosition(em.fork(), viewer.accountId))) {
        throw badUserInput('Argument "after" is past the end of the feed: pass the `cursor` of an event you received.', { argumentName: 'after' });
      }
      const notifications = await listen<ActivityMessage>(Topic.ACTIVITY, viewer.accountId);
      return replayThenLive<ActivityEvent>({
        notifications,
        readAfter: sharedLiveRead(`activity:${viewer.accountId}`, (position) => services.activity.since(em.fork(), viewer.accountId, position)),
        positionOf: (event) => event.position,
        after,
      });
    },
  })
  activityEvents(
    @Root() event: ActivityEvent,
    @Arg('after', () => String, { nullable: true, description: 'Replay events after this cursor first (the `cursor` of the last event received).' }) _after: string | null,
    @Ctx() context: GraphQLContext,
  ): ActivityEvent {
    freshEntityManagerForEvent(context);
    return event;
  }

  @FieldResolver(() => String, { description: 'Cursor of this event in the account’s feed, for `activityEvents(after:)`.' })
  cursor(@Root() event: ActivityEvent): string {
    return activityCursor.encode(event.account.id, event.position);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact concerned, if any.' })
  contact(@Root() event: ActivityEvent) {
    return event.contact ? event.contact.load() : null;
  }

  @FieldResolver(() => Conversation, { nullable: true, description: 'The conversation concerned, if any: from it, the full transcript.' })
  conversation(@Root() event: ActivityEvent) {
    return event.conversation ? event.conversation.load() : null;
  }

  @FieldResolver(() => ActivityActor, { description: 'Who caused the event.' })
  async actor(@Root() event: ActivityEvent): Promise<ActivityActor> {
    return { kind: event.actorKind, user: event.actorUser ? await event.actorUser.load() : null };
  }
}
