import { Migration } from '@mikro-orm/migrations';

export class Migration20261201185059 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "contacts" add column "erased_at" timestamptz null;`);
    this.addSql(`create index "contacts_account_lower_email_index" on "contacts" ("account_id", lower("email")) where "email" is not null;`);

    this.addSql(`alter type "end_reason" add value if not exists 'CONTACT_DELETED' after 'OFFLINE_MESSAGE_LEFT';`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'CONTACTS_MERGED' after 'OFFLINE_MESSAGE_LEFT';`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'CONTACT_DELETED' after 'CONTACTS_MERGED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "contacts_account_lower_email_index";`);
    this.addSql(`alter table "contacts" drop column "erased_at";`);
  }

}
