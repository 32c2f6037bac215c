import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Conversation } from '../conversations/conversation.entity';
import { OfflineMessage } from './offline-message.types';

@Resolver(() => Conversation)
export class OfflineMessageResolver {
  @FieldResolver(() => OfflineMessage, {
    nullable: true,
    description:
      'The message the visitor left while nobody was available (then `endReason` is OFFLINE_MESSAGE_LEFT); null otherwise. List them with `conversations(filter: { hasOfflineMessage: true })`.',
  })
  offlineMessage(@Root() conversation: Conversation): OfflineMessage | null {
    return conversation.offlineMessage != null && conversation.offlineMessageAt ? { body: conversation.offlineMessage, leftAt: conversation.offlineMessageAt } : null;
  }
}
