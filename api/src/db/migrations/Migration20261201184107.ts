import { Migration } from '@mikro-orm/migrations';

export class Migration20261201184107 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "assignment_mode" as enum ('MANUAL', 'AUTO');`);
    this.addSql(`create table "agent_routing" ("user_id" uuid not null, "account_id" uuid not null, "last_assigned_at" timestamptz not null, constraint "agent_routing_pkey" primary key ("user_id"));`);

    this.addSql(`alter table "agent_routing" add constraint "agent_routing_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agent_routing" add constraint "agent_routing_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "accounts" add column "assignment" "assignment_mode" not null default 'MANUAL', add column "offer_seconds" int not null default 30;`);

    this.addSql(`alter table "conversations" add column "offered_to_id" uuid null, add column "offer_expires_at" timestamptz null, add column "offer_round" int not null default 0, add column "offered_user_ids" jsonb not null default '[]';`);
    this.addSql(`alter table "conversations" add constraint "conversations_offered_to_id_foreign" foreign key ("offered_to_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'LIVE_CHAT_OFFERED' after 'LIVE_CHAT_TRANSFERRED';`);

    this.addSql(`alter type "activity_event_type" add value if not exists 'LIVE_CHAT_POOLED' after 'LIVE_CHAT_OFFERED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_routing" cascade;`);

    this.addSql(`alter table "conversations" drop constraint "conversations_offered_to_id_foreign";`);

    this.addSql(`alter table "accounts" drop column "assignment", drop column "offer_seconds";`);

    this.addSql(`alter table "conversations" drop column "offered_to_id", drop column "offer_expires_at", drop column "offer_round", drop column "offered_user_ids";`);

    this.addSql(`drop type "assignment_mode";`);
  }

}
