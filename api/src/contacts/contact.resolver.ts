import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { ActivityEventConnection, ContactConnection, ConversationConnection } from '../conversations/conversation.types';
import { ConnectionArgs } from '../relay/connection';
import { expectGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import { Contact } from './contact.entity';
import { ContactFilterInput, ContactOrderInput } from './contact.types';

@Resolver(() => Contact)
export class ContactResolver {
  @Authorized(Access.MEMBER)
  @Query(() => ContactConnection, { description: 'The account’s contacts, newest first unless `orderBy` says otherwise; find one by email, search by text, or sync what changed since `filter.updatedAfter`.' })
  contacts(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ContactFilterInput, { nullable: true, description: 'Narrow by email, text or last change.' }) filter: ContactFilterInput | null,
    @Arg('orderBy', () => ContactOrderInput, { nullable: true, description: 'Order by creation (default, newest first) or last change.' }) orderBy: ContactOrderInput | null,
    @Ctx() { em, viewer, services }: GraphQLContext,
  ) {
    return services.contacts.list(em, (viewer as MemberViewer).accountId, args, filter, orderBy);
  }

  @Authorized(Access.MEMBER)
  @Query(() => Contact, { nullable: true, description: 'One contact of the account, or null.' })
  contact(@Arg('id', () => ID, { description: 'The contact.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return services.contacts.get(em, (viewer as MemberViewer).accountId, expectGlobalId(id, 'Contact'));
  }

  @FieldResolver(() => ConversationConnection, { description: 'The contact’s conversations, newest first (timed-out ones included).' })
  conversations(@Root() contact: Contact, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, services }: GraphQLContext) {
    return services.conversations.list(em, contact.account.id, { contactId: contact.id }, args);
  }

  @FieldResolver(() => ActivityEventConnection, { description: 'The contact’s activity, newest first.' })
  activity(@Root() contact: Contact, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { em, services }: GraphQLContext) {
    return services.activity.list(em, contact.account.id, { contactId: contact.id }, args);
  }
}
