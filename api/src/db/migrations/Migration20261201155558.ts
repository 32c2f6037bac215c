import { Migration } from '@mikro-orm/migrations';

export class Migration20261201155558 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "canned_responses" ("id" uuid not null, "account_id" uuid not null, "shortcut" text not null, "title" text not null, "body" text not null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "canned_responses_pkey" primary key ("id"));`);
    this.addSql(`alter table "canned_responses" add constraint "canned_responses_account_id_shortcut_unique" unique ("account_id", "shortcut");`);

    this.addSql(`alter table "canned_responses" add constraint "canned_responses_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "canned_responses" add constraint "canned_responses_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "canned_responses" cascade;`);
  }

}
