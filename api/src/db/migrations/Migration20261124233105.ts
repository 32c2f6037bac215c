import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233105 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "user_role" as enum ('ADMIN', 'AGENT');`);
    this.addSql(`create type "conversation_status" as enum ('BOT', 'WAITING', 'ACTIVE', 'ENDED', 'TIMED_OUT');`);
    this.addSql(`create type "end_reason" as enum ('AGENT_ENDED', 'VISITOR_IDLE', 'VISITOR_LEFT', 'BOT_COMPLETED', 'UNANSWERED');`);
    this.addSql(`create type "message_author" as enum ('VISITOR', 'BOT', 'AGENT', 'SYSTEM');`);
    this.addSql(`create type "activity_event_type" as enum ('CONVERSATION_STARTED', 'CONTACT_CREATED', 'CONTACT_QUALIFIED', 'CONTACT_DETAILS_CAPTURED', 'LIVE_CHAT_REQUESTED', 'LIVE_CHAT_ACCEPTED', 'LIVE_CHAT_TIMED_OUT', 'LIVE_CHAT_ENDED', 'CONVERSATION_ENDED', 'MESSAGE_CREATED');`);
    this.addSql(`create type "actor_kind" as enum ('USER', 'API_KEY', 'VISITOR', 'SYSTEM');`);
    this.addSql(`create type "webhook_delivery_status" as enum ('PENDING', 'RETRYING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create table "accounts" ("id" uuid not null, "name" text not null, "live_chat_enabled" boolean not null default false, "created_at" timestamptz not null, constraint "accounts_pkey" primary key ("id"));`);

    this.addSql(`create table "contacts" ("id" uuid not null, "account_id" uuid not null, "name" text null, "email" text null, "fields" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "contacts_pkey" primary key ("id"));`);
    this.addSql(`create index "contacts_account_id_email_index" on "contacts" ("account_id", "email");`);
    this.addSql(`create index "contacts_account_id_id_index" on "contacts" ("account_id", "id");`);

    this.addSql(`create table "users" ("id" uuid not null, "account_id" uuid not null, "name" text not null, "email" text not null, "password_hash" text not null, "role" "user_role" not null, "accepting_chats" boolean not null default false, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`create index "users_account_id_accepting_chats_index" on "users" ("account_id", "accepting_chats");`);

    this.addSql(`create table "flows" ("id" uuid not null, "account_id" uuid not null, "name" text not null, "steps" jsonb not null, "published_version_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "flows_pkey" primary key ("id"));`);
    this.addSql(`create index "flows_account_id_id_index" on "flows" ("account_id", "id");`);

    this.addSql(`create table "flow_versions" ("id" uuid not null, "account_id" uuid not null, "flow_id" uuid not null, "version" int not null, "steps" jsonb not null, "published_by_id" uuid null, "published_at" timestamptz not null, constraint "flow_versions_pkey" primary key ("id"));`);
    this.addSql(`alter table "flow_versions" add constraint "flow_versions_flow_id_version_unique" unique ("flow_id", "version");`);

    this.addSql(`create table "conversations" ("id" uuid not null, "account_id" uuid not null, "flow_version_id" uuid not null, "contact_id" uuid not null, "status" "conversation_status" not null default 'BOT', "current_step_key" text null, "assignee_id" uuid null, "waiting_since" timestamptz null, "timeout_at" timestamptz null, "accepted_at" timestamptz null, "idle_deadline_at" timestamptz null, "ended_at" timestamptz null, "end_reason" "end_reason" null, "last_message_seq" int not null default 0, "page_url" text null, "referrer" text null, "locale" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "conversations_pkey" primary key ("id"));`);
    this.addSql(`create index "conversations_status_idle_deadline_at_index" on "conversations" ("status", "idle_deadline_at");`);
    this.addSql(`create index "conversations_status_timeout_at_index" on "conversations" ("status", "timeout_at");`);
    this.addSql(`create index "conversations_account_id_id_index" on "conversations" ("account_id", "id");`);
    this.addSql(`create index "conversations_account_id_status_index" on "conversations" ("account_id", "status");`);

    this.addSql(`create table "messages" ("id" uuid not null, "account_id" uuid not null, "conversation_id" uuid not null, "seq" int not null, "author" "message_author" not null, "body" text not null, "options" jsonb null, "sender_id" uuid null, "client_message_id" text null, "created_at" timestamptz not null, constraint "messages_pkey" primary key ("id"));`);
    this.addSql(`alter table "messages" add constraint "messages_conversation_id_client_message_id_unique" unique ("conversation_id", "client_message_id");`);
    this.addSql(`alter table "messages" add constraint "messages_conversation_id_seq_unique" unique ("conversation_id", "seq");`);

    this.addSql(`create table "api_keys" ("id" uuid not null, "account_id" uuid not null, "created_by_id" uuid not null, "name" text not null, "prefix" text not null, "secret_hash" text not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "activity_events" ("id" uuid not null, "account_id" uuid not null, "type" "activity_event_type" not null, "occurred_at" timestamptz not null, "contact_id" uuid null, "conversation_id" uuid null, "actor_kind" "actor_kind" not null, "actor_user_id" uuid null, "data" jsonb not null, constraint "activity_events_pkey" primary key ("id"));`);
    this.addSql(`create index "activity_events_conversation_id_id_index" on "activity_events" ("conversation_id", "id");`);
    this.addSql(`create index "activity_events_contact_id_id_index" on "activity_events" ("contact_id", "id");`);
    this.addSql(`create index "activity_events_account_id_type_id_index" on "activity_events" ("account_id", "type", "id");`);
    this.addSql(`create index "activity_events_account_id_id_index" on "activity_events" ("account_id", "id");`);

    this.addSql(`create table "webhook_endpoints" ("id" uuid not null, "account_id" uuid not null, "url" text not null, "description" text null, "events" text[] not null, "secret_ciphertext" text not null, "enabled" boolean not null default true, "disabled_at" timestamptz null, "disabled_reason" text null, "created_at" timestamptz not null, constraint "webhook_endpoints_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_endpoints_account_id_id_index" on "webhook_endpoints" ("account_id", "id");`);

    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "account_id" uuid not null, "endpoint_id" uuid not null, "event_id" uuid not null, "event_type" text not null, "payload" text not null, "status" "webhook_delivery_status" not null default 'PENDING', "attempt_count" int not null default 0, "next_attempt_at" timestamptz null, "created_at" timestamptz not null, "completed_at" timestamptz null, constraint "webhook_deliveries_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_status_next_attempt_at_index" on "webhook_deliveries" ("status", "next_attempt_at");`);
    this.addSql(`create index "webhook_deliveries_endpoint_id_id_index" on "webhook_deliveries" ("endpoint_id", "id");`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_event_id_unique" unique ("endpoint_id", "event_id");`);

    this.addSql(`create table "webhook_attempts" ("id" uuid not null, "delivery_id" uuid not null, "attempt_number" int not null, "started_at" timestamptz not null, "duration_ms" int not null, "response_status" int null, "response_excerpt" text null, "error" text null, constraint "webhook_attempts_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_attempts_delivery_id_id_index" on "webhook_attempts" ("delivery_id", "id");`);

    this.addSql(`alter table "contacts" add constraint "contacts_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "users" add constraint "users_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "flows" add constraint "flows_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "flows" add constraint "flows_published_version_id_foreign" foreign key ("published_version_id") references "flow_versions" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "flow_versions" add constraint "flow_versions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "flow_versions" add constraint "flow_versions_flow_id_foreign" foreign key ("flow_id") references "flows" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "flow_versions" add constraint "flow_versions_published_by_id_foreign" foreign key ("published_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "conversations" add constraint "conversations_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_flow_version_id_foreign" foreign key ("flow_version_id") references "flow_versions" ("id") on update cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "messages" add constraint "messages_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "messages" add constraint "messages_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "messages" add constraint "messages_sender_id_foreign" foreign key ("sender_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "activity_events" add constraint "activity_events_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activity_events" add constraint "activity_events_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activity_events" add constraint "activity_events_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activity_events" add constraint "activity_events_actor_user_id_foreign" foreign key ("actor_user_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "webhook_endpoints" add constraint "webhook_endpoints_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_event_id_foreign" foreign key ("event_id") references "activity_events" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_attempts" add constraint "webhook_attempts_delivery_id_foreign" foreign key ("delivery_id") references "webhook_deliveries" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "contacts" drop constraint "contacts_account_id_foreign";`);

    this.addSql(`alter table "users" drop constraint "users_account_id_foreign";`);

    this.addSql(`alter table "flows" drop constraint "flows_account_id_foreign";`);

    this.addSql(`alter table "flow_versions" drop constraint "flow_versions_account_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_account_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_account_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_account_id_foreign";`);

    this.addSql(`alter table "activity_events" drop constraint "activity_events_account_id_foreign";`);

    this.addSql(`alter table "webhook_endpoints" drop constraint "webhook_endpoints_account_id_foreign";`);

    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_account_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_contact_id_foreign";`);

    this.addSql(`alter table "activity_events" drop constraint "activity_events_contact_id_foreign";`);

    this.addSql(`alter table "flow_versions" drop constraint "flow_versions_published_by_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_assignee_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_sender_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_created_by_id_foreign";`);

    this.addSql(`alter table "activity_events" drop constraint "activity_events_actor_user_id_foreign";`);

    this.addSql(`alter table "flow_versions" drop constraint "flow_versions_flow_id_foreign";`);

    this.addSql(`alter table "flows" drop constraint "flows_published_version_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_flow_version_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_conversation_id_foreign";`);

    this.addSql(`alter table "activity_events" drop constraint "activity_events_conversation_id_foreign";`);

    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_event_id_foreign";`);

    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_endpoint_id_foreign";`);

    this.addSql(`alter table "webhook_attempts" drop constraint "webhook_attempts_delivery_id_foreign";`);

    this.addSql(`drop table if exists "accounts" cascade;`);

    this.addSql(`drop table if exists "contacts" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "flows" cascade;`);

    this.addSql(`drop table if exists "flow_versions" cascade;`);

    this.addSql(`drop table if exists "conversations" cascade;`);

    this.addSql(`drop table if exists "messages" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);

    this.addSql(`drop table if exists "activity_events" cascade;`);

    this.addSql(`drop table if exists "webhook_endpoints" cascade;`);

    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);

    this.addSql(`drop table if exists "webhook_attempts" cascade;`);

    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "conversation_status";`);
    this.addSql(`drop type "end_reason";`);
    this.addSql(`drop type "message_author";`);
    this.addSql(`drop type "activity_event_type";`);
    this.addSql(`drop type "actor_kind";`);
    this.addSql(`drop type "webhook_delivery_status";`);
  }

}
