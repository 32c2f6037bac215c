import { Migration } from '@mikro-orm/migrations';

export class Migration20261201161730 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "accounts" add column "business_hours" jsonb null;`);

    this.addSql(`alter type "end_reason" add value if not exists 'OFFLINE_MESSAGE_LEFT' after 'UNANSWERED';`);

    this.addSql(`alter type "bot_phase" add value if not exists 'OFFLINE_NAME' after 'EMAIL';`);

    this.addSql(`alter type "bot_phase" add value if not exists 'OFFLINE_EMAIL' after 'OFFLINE_NAME';`);

    this.addSql(`alter type "bot_phase" add value if not exists 'OFFLINE_MESSAGE' after 'OFFLINE_EMAIL';`);

    this.addSql(`alter table "conversations" add column "offline_message" text null, add column "offline_message_at" timestamptz null;`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'OFFLINE_MESSAGE_LEFT' after 'CONVERSATION_RATED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "accounts" drop column "business_hours";`);

    this.addSql(`alter table "conversations" drop column "offline_message", drop column "offline_message_at";`);
  }

}
