import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { ActivityEventConnection, ContactConnection, ConversationConnection } from '../conversations/conversation.types';
import { withUserErrors } from '../errors/user-error';
import { ConnectionArgs } from '../relay/connection';
import { expectGlobalId } from '../relay/global-id';
import type { GraphQLContext } from '../server/context';
import { Contact } from './contact.entity';
import { ContactFilterInput, ContactOrderInput, DeleteContactPayload, ExportContactPayload } from './contact.types';

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

  @Authorized(Access.ADMIN)
  @Mutation(() => DeleteContactPayload, {
    description:
      'Erases a contact’s personal data (admins and API keys), in one transaction: name, email and fields; its messages’ text (kept as “[erased]” with their times and authors), messages left, rating comments and the personal data in its activity; its open conversations end. The contact stays with `erasedAt`. Recorded as CONTACT_DELETED, sent as webhook `contact.deleted`.',
  })
  deleteContact(@Arg('id', () => ID, { description: 'The contact.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(async () => {
      const erased = await services.contactPrivacy.erase(em, viewer as MemberViewer, expectGlobalId(id, 'Contact'));
      return { ...erased, deletedContactId: erased.contact.nodeId };
    });
  }

  @Authorized(Access.ADMIN)
  @Mutation(() => ExportContactPayload, {
    description: 'Everything stored about a contact, as JSON, for a GDPR access request (admins and API keys).',
  })
  exportContact(@Arg('id', () => ID, { description: 'The contact.' }) id: string, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(async () => {
      const { contact, data } = await services.contactPrivacy.export(em, viewer as MemberViewer, expectGlobalId(id, 'Contact'));
      return { contact, export: data };
    });
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
