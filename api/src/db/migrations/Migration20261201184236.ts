import { Migration } from '@mikro-orm/migrations';

export class Migration20261201184236 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "api_keys" add column "scopes" text[] null, add column "expires_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_keys" drop column "scopes", drop column "expires_at";`);
  }

}
