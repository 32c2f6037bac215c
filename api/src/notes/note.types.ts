import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../errors/user-error';
import { Message } from '../messages/message.entity';

@InputType('AddNoteInput', { description: 'An internal note on a conversation.' })
export class AddNoteInput {
  @Field(() => ID, { description: 'The conversation, in any status.' })
  conversationId!: string;

  @Field(() => String, { description: 'The note, 1 to 4,000 characters (`EMPTY_MESSAGE` when blank, `NOTE_TOO_LONG` when longer).' })
  body!: string;
}

@ObjectType('AddNotePayload', { description: 'Result of `addNote`.' })
export class AddNotePayload extends MutationPayload {
  @Field(() => Message, { nullable: true, description: 'The note: a message with `author: NOTE`.' })
  message?: Message | null;
}
