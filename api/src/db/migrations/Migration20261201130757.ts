import { Migration } from '@mikro-orm/migrations';

export class Migration20261201130757 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "accounts" drop column "activity_position";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "accounts" add column "activity_position" int8 not null default 0;`);
  }

}
