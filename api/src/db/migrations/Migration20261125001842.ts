import { Migration } from '@mikro-orm/migrations';

export class Migration20261125001842 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "accounts" add column "activity_position" bigint not null default 0;`);

    // Existing events are numbered in creation order, and each account's counter continues after them.
    this.addSql(`alter table "activity_events" add column "position" bigint null;`);
    this.addSql(`update "activity_events" e set "position" = n.position from (select "id", row_number() over (partition by "account_id" order by "id") as position from "activity_events") n where e."id" = n."id";`);
    this.addSql(`update "accounts" a set "activity_position" = coalesce((select max("position") from "activity_events" e where e."account_id" = a."id"), 0);`);
    this.addSql(`alter table "activity_events" alter column "position" set not null;`);
    this.addSql(`alter table "activity_events" add constraint "activity_events_account_id_position_unique" unique ("account_id", "position");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "accounts" drop column "activity_position";`);

    this.addSql(`alter table "activity_events" drop constraint "activity_events_account_id_position_unique";`);
    this.addSql(`alter table "activity_events" drop column "position";`);
  }

}
