import { Field, ObjectType } from 'type-graphql';
import { Conversation } from '../conversations/conversation.entity';
import { User } from '../users/user.entity';

@ObjectType('Team', { description: 'The account’s team at work: who is accepting chats, their load, and the chats waiting for them.' })
export class Team {
  @Field(() => [User], { description: 'Every user of the account, oldest first (see `acceptingChats`, `activeChatCount`, `maxConcurrentChats`).' })
  members!: User[];

  @Field(() => [Conversation], { description: 'The waiting chats, longest-waiting first (their age: `waitingSince`), whether or not the caller is accepting chats.' })
  waitingChats!: Conversation[];
}
