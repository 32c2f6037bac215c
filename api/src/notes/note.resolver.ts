import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import type { MemberViewer } from '../auth/viewer';
import { requireConversationUuid } from '../conversations/conversation.resolver';
import { withUserErrors } from '../errors/user-error';
import type { GraphQLContext } from '../server/context';
import { AddNoteInput, AddNotePayload } from './note.types';

@Resolver()
export class NoteResolver {
  @Authorized(Access.MEMBER)
  @Mutation(() => AddNotePayload, {
    description: 'Adds an internal note to a conversation (users and API keys of its account): in the team’s transcript and `conversationEvents`, never shown to the visitor.',
  })
  addNote(@Arg('input', () => AddNoteInput, { description: 'The conversation and the note.' }) input: AddNoteInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.notes.add(em, viewer as MemberViewer, requireConversationUuid(input.conversationId, ['input', 'conversationId']), input.body));
  }
}
