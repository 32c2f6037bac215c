import { Migration } from '@mikro-orm/migrations';

export class Migration20261201160919 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "conversations" add column "visitor_read_seq" int not null default 0, add column "agent_read_seq" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "conversations" drop column "visitor_read_seq", drop column "agent_read_seq";`);
  }

}
