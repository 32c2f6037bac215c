import { Migration } from '@mikro-orm/migrations';

export class Migration20261201153016 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "accounts" add column "reminder_seconds" int null default 20, add column "typing_preview" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "accounts" drop column "reminder_seconds", drop column "typing_preview";`);
  }

}
