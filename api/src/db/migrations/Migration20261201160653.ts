import { Migration } from '@mikro-orm/migrations';

export class Migration20261201160653 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "conversations" add column "rating_score" smallint null, add column "rating_comment" text null, add column "rated_at" timestamptz null;`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'CONVERSATION_RATED' after 'MESSAGE_CREATED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "conversations" drop column "rating_score", drop column "rating_comment", drop column "rated_at";`);
  }

}
