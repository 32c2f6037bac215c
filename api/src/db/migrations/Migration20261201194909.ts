import { Migration } from '@mikro-orm/migrations';

export class Migration20261201194909 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "deactivated_at" timestamptz null, add column "tokens_valid_from" timestamptz null;`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'LIVE_CHAT_REQUEUED' after 'LIVE_CHAT_TRANSFERRED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "deactivated_at", drop column "tokens_valid_from";`);
  }

}
