import { Migration } from '@mikro-orm/migrations';

export class Migration20261201162820 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "max_concurrent_chats" int null;`);

    this.addSql(`alter table "conversations" add column "transferred_by_id" uuid null, add column "transfer_note" text null;`);
    this.addSql(`alter table "conversations" add constraint "conversations_transferred_by_id_foreign" foreign key ("transferred_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'LIVE_CHAT_TRANSFERRED' after 'LIVE_CHAT_ACCEPTED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "conversations" drop constraint "conversations_transferred_by_id_foreign";`);

    this.addSql(`alter table "conversations" drop column "transferred_by_id", drop column "transfer_note";`);

    this.addSql(`alter table "users" drop column "max_concurrent_chats";`);
  }

}
