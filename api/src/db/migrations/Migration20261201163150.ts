import { Migration } from '@mikro-orm/migrations';

export class Migration20261201163150 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "contacts_account_id_updated_at_id_index" on "contacts" ("account_id", "updated_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "contacts_account_id_updated_at_id_index";`);
  }

}
