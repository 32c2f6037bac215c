import { Migration } from '@mikro-orm/migrations';

export class Migration20261201160155 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "message_author" add value if not exists 'NOTE' after 'SYSTEM';`);
  }

}
