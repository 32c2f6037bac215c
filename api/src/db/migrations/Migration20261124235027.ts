import { Migration } from '@mikro-orm/migrations';

export class Migration20261124235027 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "bot_phase" as enum ('ANSWER', 'OFFER', 'NAME', 'EMAIL');`);
    this.addSql(`alter table "conversations" add column "bot_phase" "bot_phase" null;`);
    this.addSql(`create index "conversations_assignee_id_status_index" on "conversations" ("assignee_id", "status");`);
    this.addSql(`create index "conversations_contact_id_id_index" on "conversations" ("contact_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "conversations_assignee_id_status_index";`);
    this.addSql(`drop index "conversations_contact_id_id_index";`);
    this.addSql(`alter table "conversations" drop column "bot_phase";`);

    this.addSql(`drop type "bot_phase";`);
  }

}
