import { Migration } from '@mikro-orm/migrations';

export class Migration20261201153209 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "conversations_account_id_accepted_at_index" on "conversations" ("account_id", "accepted_at");`);

    this.addSql(`alter table "messages" add column "visitor_body" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "conversations_account_id_accepted_at_index";`);

    this.addSql(`alter table "messages" drop column "visitor_body";`);
  }

}
