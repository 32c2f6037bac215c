import { Field, ObjectType } from 'type-graphql';

@ObjectType('OfflineMessage', { description: 'What a visitor left for the team while nobody was available (a LIVE_CHAT step with `offlineMode` LEAVE_MESSAGE).' })
export class OfflineMessage {
  @Field(() => String, { description: 'The message, as the visitor wrote it. Their name and email are on the conversation’s contact.' })
  body!: string;

  @Field(() => Date, { description: 'When the visitor left it.' })
  leftAt!: Date;
}
