import { Migration } from '@mikro-orm/migrations';

export class Migration20261201184452 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" add column "previous_secret_ciphertext" text null, add column "previous_secret_expires_at" timestamptz null, add column "secret_rotated_at" timestamptz null;`);

    this.addSql(`alter table "webhook_deliveries" alter column "event_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" drop column "previous_secret_ciphertext", drop column "previous_secret_expires_at", drop column "secret_rotated_at";`);

    this.addSql(`alter table "webhook_deliveries" alter column "event_id" set not null;`);
  }

}
