import { Migration } from '@mikro-orm/migrations';

export class Migration20261201200058 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "accepting_periods" ("id" uuid not null, "account_id" uuid not null, "user_id" uuid not null, "started_at" timestamptz not null, "ended_at" timestamptz null, constraint "accepting_periods_pkey" primary key ("id"));`);
    this.addSql(`create unique index "accepting_periods_open_index" on "accepting_periods" ("user_id") where "ended_at" is null;`);
    this.addSql(`create index "accepting_periods_account_id_started_at_index" on "accepting_periods" ("account_id", "started_at");`);

    this.addSql(`alter table "accepting_periods" add constraint "accepting_periods_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "accepting_periods" add constraint "accepting_periods_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`create index "conversations_account_id_created_at_index" on "conversations" ("account_id", "created_at");`);
    this.addSql(`create index "conversations_timed_out_index" on "conversations" ("account_id", "ended_at") include ("waiting_since", "id") where "status" = 'TIMED_OUT';`);
    this.addSql(`create index "conversations_live_chats_index" on "conversations" ("account_id", "waiting_since") include ("id", "accepted_at", "ended_at", "status", "end_reason", "rating_score") where "waiting_since" is not null;`);

    this.addSql(`create index "messages_bot_options_index" on "messages" ("conversation_id", "seq") where "author" = 'BOT' and "options" is not null;`);
    this.addSql(`create index "messages_live_index" on "messages" ("conversation_id", "created_at") include ("author") where "author" in ('VISITOR', 'AGENT');`);

    this.addSql(`create index "activity_events_live_chat_index" on "activity_events" ("conversation_id", "type", "occurred_at") include ("actor_user_id") where "type" in ('LIVE_CHAT_ACCEPTED', 'LIVE_CHAT_ENDED');`);

    // Backfill: whoever is accepting chats now has an open period from now on (when they
    // switched on was never recorded, so reports count their accepting time from here).
    this.addSql(`insert into "accepting_periods" ("id", "account_id", "user_id", "started_at") select gen_random_uuid(), "account_id", "id", now() from "users" where "accepting_chats";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "accepting_periods" cascade;`);

    this.addSql(`drop index "conversations_account_id_created_at_index";`);
    this.addSql(`drop index "conversations_timed_out_index";`);
    this.addSql(`drop index "conversations_live_chats_index";`);

    this.addSql(`drop index "messages_bot_options_index";`);
    this.addSql(`drop index "messages_live_index";`);

    this.addSql(`drop index "activity_events_live_chat_index";`);
  }

}
