import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Conversation } from '../conversations/conversation.entity';
import { MutationPayload } from '../errors/user-error';

@ObjectType('ConversationRating', { description: 'How the visitor rated a live chat once it ended.' })
export class ConversationRating {
  @Field(() => Int, { description: 'From 1 (bad) to 5 (excellent).' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'What the visitor added in words, if anything.' })
  comment?: string | null;

  @Field(() => Date, { description: 'When the visitor rated the chat.' })
  ratedAt!: Date;
}

@InputType('RateConversationInput', { description: 'The visitor’s rating of an ended live chat.' })
export class RateConversationInput {
  @Field(() => ID, { description: 'The conversation (the visitor token’s own).' })
  conversationId!: string;

  @Field(() => Int, { description: 'From 1 to 5 (`INVALID_SCORE` otherwise).' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Optional words, up to 1,000 characters (`COMMENT_TOO_LONG` otherwise).' })
  comment?: string | null;
}

@ObjectType('RateConversationPayload', { description: 'Result of `rateConversation`.' })
export class RateConversationPayload extends MutationPayload {
  @Field(() => Conversation, { nullable: true, description: 'The conversation, with its `rating`.' })
  conversation?: Conversation | null;
}
