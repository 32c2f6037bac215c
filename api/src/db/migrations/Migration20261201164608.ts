import { Migration } from '@mikro-orm/migrations';

export class Migration20261201164608 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "conversations_offline_messages_index" on "conversations" ("account_id", "id") where "offline_message_at" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "conversations_offline_messages_index";`);
  }

}
