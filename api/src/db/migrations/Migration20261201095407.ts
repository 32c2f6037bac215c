import { Migration } from '@mikro-orm/migrations';

export class Migration20261201095407 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "webhook_delivery_status" add value if not exists 'SKIPPED' after 'FAILED';`);

    this.addSql(`alter table "webhook_deliveries" add column "skipped_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_deliveries" drop column "skipped_reason";`);
  }

}
