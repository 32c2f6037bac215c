import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/auth-checker';
import { Conversation } from '../conversations/conversation.entity';
import { requireConversationUuid } from '../conversations/conversation.resolver';
import { withUserErrors } from '../errors/user-error';
import type { GraphQLContext } from '../server/context';
import { RateConversationInput, RateConversationPayload, ConversationRating } from './rating.types';

@Resolver(() => Conversation)
export class RatingResolver {
  @Authorized(Access.PARTICIPANT)
  @Mutation(() => RateConversationPayload, {
    description: 'The visitor rates a live chat once it has ended, or once the bot took over again after it (`afterChatNext`) (visitor token only; once per conversation). Recorded as `CONVERSATION_RATED`; NOT_RATEABLE before then or when nobody accepted the chat.',
  })
  rateConversation(@Arg('input', () => RateConversationInput, { description: 'The conversation, a score from 1 to 5 and an optional comment.' }) input: RateConversationInput, @Ctx() { em, viewer, services }: GraphQLContext) {
    return withUserErrors(() => services.ratings.rate(em, viewer, requireConversationUuid(input.conversationId, ['input', 'conversationId']), input.score, input.comment));
  }

  @FieldResolver(() => ConversationRating, { nullable: true, description: 'The visitor’s rating of the chat, once given (see `rateConversation`).' })
  rating(@Root() conversation: Conversation): ConversationRating | null {
    return conversation.ratingScore && conversation.ratedAt ? { score: conversation.ratingScore, comment: conversation.ratingComment ?? null, ratedAt: conversation.ratedAt } : null;
  }
}
