import { Migration } from '@mikro-orm/migrations';

export class Migration20261201194645 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "accounts" add column "identity_secret_sealed" text null, add column "identity_secret_rotated_at" timestamptz null;`);

    this.addSql(`alter table "contacts" add column "external_user_id" text null;`);
    this.addSql(`create unique index "contacts_account_external_user_id_unique" on "contacts" ("account_id", "external_user_id") where "external_user_id" is not null;`);

    this.addSql(`alter table "conversations" add column "identity_verified" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "accounts" drop column "identity_secret_sealed", drop column "identity_secret_rotated_at";`);

    this.addSql(`drop index "contacts_account_external_user_id_unique";`);
    this.addSql(`alter table "contacts" drop column "external_user_id";`);

    this.addSql(`alter table "conversations" drop column "identity_verified";`);
  }

}
