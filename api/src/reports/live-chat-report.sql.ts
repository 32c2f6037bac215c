import type { ReportScope } from './live-chat-report.types';

/**
 * The report's SQL, one statement per part, written with `$1` `$2`… placeholders: $1 the
 * account, $2 `from`, $3 `to` (timestamptz), $4 the time zone. Everything is aggregated by
 * PostgreSQL; the process receives one row per bucket, agent or flow. The bench runs these
 * same statements directly through `pg` as its baseline.
 *
 * A live chat is a conversation with `waiting_since` (it entered the inbox, LIVE_CHAT_REQUESTED)
 * and belongs to the bucket of that moment. Its figures come from its own columns
 * (`accepted_at`, `ended_at`, `status`, `end_reason`, `rating_score`), the time of the first
 * AGENT message (`messages_live_index`), and for agents the actor of LIVE_CHAT_ACCEPTED
 * (`activity_events_accepted_index`) and the accepting periods.
 */
export interface ReportSql {
  text: string;
  values: unknown[];
}

export type PeriodBucket = 'DAY' | 'HOUR';

/** Upper bounds (seconds) of the time-to-accept distribution's buckets; the last one is open. */
export const TIME_TO_ACCEPT_BUCKETS = [10, 30, 60, 120, 300, 600] as const;

const OFFER_OPTIONS = `'[{"key":"accept"},{"key":"decline"}]'::jsonb`;

function values(scope: ReportScope): unknown[] {
  return [scope.accountId, scope.from.toISOString(), scope.to.toISOString(), scope.timeZone];
}

/** The bucket a moment falls in: a local midnight (DAY), a whole hour counted from `from`'s local hour (HOUR). */
function bucketOf(column: string, bucket: PeriodBucket | null): string {
  if (bucket === 'DAY') return `date_trunc('day', ${column}, $4)`;
  if (bucket === 'HOUR') return `(date_trunc('hour', $2::timestamptz, $4) + floor(extract(epoch from ${column} - date_trunc('hour', $2::timestamptz, $4)) / 3600) * interval '1 hour')`;
  return '0';
}

/** Every bucket of the range, empty ones too, with its local label and UTC offset. */
function bucketsOf(bucket: PeriodBucket | null): string {
  if (bucket === 'DAY') {
    // Local dates in the zone, each from its midnight to the next: 23 or 25 hours across a DST change.
    return `select d at time zone $4 as bucket, (d + interval '1 day') at time zone $4 as bucket_end,
                   to_char(d, 'YYYY-MM-DD') as label, 0 as utc_offset
              from generate_series(date_trunc('day', $2::timestamptz, $4) at time zone $4,
                                   ($3::timestamptz - interval '1 microsecond') at time zone $4, interval '1 day') d`;
  }
  if (bucket === 'HOUR') {
    // Real hours (an interval of hours is exact), so a repeated local hour is two rows.
    return `select h as bucket, h + interval '1 hour' as bucket_end,
                   to_char(h at time zone $4, 'YYYY-MM-DD"T"HH24:MI') as label,
                   extract(epoch from (h at time zone $4) - (h at time zone 'UTC'))::int as utc_offset
              from generate_series(date_trunc('hour', $2::timestamptz, $4), $3::timestamptz - interval '1 microsecond', interval '1 hour') h`;
  }
  return `select 0 as bucket, $2::timestamptz as bucket_end, '' as label, 0 as utc_offset`;
}

/** count, median, p90, max and mean of a column of seconds (nulls are left out by every one). */
function durationAggregates(column: string): string {
  return `count(${column})::int as ${column}_count,
          percentile_cont(0.5) within group (order by ${column}) as ${column}_median,
          percentile_cont(0.9) within group (order by ${column}) as ${column}_p90,
          max(${column}) as ${column}_max,
          avg(${column}) as ${column}_average`;
}

/** Seconds from an accepted chat's acceptance to the first message a user wrote in it. */
const FIRST_RESPONSE = `extract(epoch from (select min(m.created_at) from messages m
                                        where m.conversation_id = c.id and m.author = 'AGENT' and m.created_at >= c.accepted_at) - c.accepted_at)::float8`;

/** The live-chat figures: of the whole range (`bucket` null, one row) or per day or hour (a row for each). */
export function figuresSql(scope: ReportScope, bucket: PeriodBucket | null): ReportSql {
  const text = `
    with buckets as (${bucketsOf(bucket)}),
    chats as (
      select ${bucketOf('c.waiting_since', bucket)} as bucket,
             c.status, c.end_reason, c.accepted_at is not null as accepted, c.rating_score,
             extract(epoch from c.accepted_at - c.waiting_since)::float8 as wait,
             case when c.accepted_at is not null then ${FIRST_RESPONSE} end as first_response,
             extract(epoch from c.ended_at - c.accepted_at)::float8 as duration,
             case when c.accepted_at is not null then
               (select count(*) from messages m
                 where m.conversation_id = c.id and m.author in ('VISITOR', 'AGENT') and m.created_at >= c.accepted_at) end as live_messages
        from conversations c
       where c.account_id = $1 and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz
    ),
    chat_figures as (
      select bucket,
             count(*)::int as requested,
             count(*) filter (where accepted)::int as accepted,
             count(*) filter (where status = 'TIMED_OUT')::int as missed,
             count(*) filter (where not accepted and status = 'ENDED' and end_reason = 'VISITOR_LEFT')::int as abandoned,
             count(*) filter (where not accepted and status = 'ENDED' and end_reason is distinct from 'VISITOR_LEFT')::int as dismissed,
             count(*) filter (where status = 'WAITING')::int as waiting,
             ${durationAggregates('wait')},
             ${durationAggregates('first_response')},
             ${durationAggregates('duration')},
             avg(live_messages)::float8 as messages_per_chat,
             count(rating_score)::int as ratings,
             avg(rating_score)::float8 as rating_average
        from chats
       group by bucket
    ),
    offline as (
      select ${bucketOf('c.offline_message_at', bucket)} as bucket, count(*)::int as offline_messages
        from conversations c
       where c.account_id = $1 and c.offline_message_at is not null
         and c.offline_message_at >= $2::timestamptz and c.offline_message_at < $3::timestamptz
       group by 1
    )
    select ${bucket ? 'greatest(b.bucket, $2::timestamptz) as start, least(b.bucket_end, $3::timestamptz) as "end",' : ''}
           f.*, b.label, b.utc_offset, coalesce(o.offline_messages, 0) as offline_messages
      from buckets b
      left join chat_figures f on f.bucket = b.bucket
      left join offline o on o.bucket = b.bucket
     order by b.bucket`;
  return { text, values: values(scope) };
}

/** How many accepted chats waited how long, by TIME_TO_ACCEPT_BUCKETS (bucket 0: under the first bound). */
export function timeToAcceptDistributionSql(scope: ReportScope): ReportSql {
  const text = `
    select width_bucket(extract(epoch from c.accepted_at - c.waiting_since)::float8, array[${TIME_TO_ACCEPT_BUCKETS.join(', ')}]::float8[]) as bucket,
           count(*)::int as chats
      from conversations c
     where c.account_id = $1 and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz and c.accepted_at is not null
     group by 1`;
  return { text, values: values(scope) };
}

/** One row per user of the account: the chats they accepted, their missed-while-accepting and active time. */
export function agentsSql(scope: ReportScope): ReportSql {
  const text = `
    with accepted as (
      select coalesce(e.actor_user_id, c.assignee_id) as user_id, c.rating_score,
             extract(epoch from c.accepted_at - c.waiting_since)::float8 as wait,
             ${FIRST_RESPONSE} as first_response,
             extract(epoch from c.ended_at - c.accepted_at)::float8 as duration
        from conversations c
        -- Who accepted: the event's actor (the assignee may have changed by a transfer since).
        left join lateral (select e.actor_user_id from activity_events e
                            where e.conversation_id = c.id and e.type = 'LIVE_CHAT_ACCEPTED' order by e.id limit 1) e on true
       where c.account_id = $1 and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz and c.accepted_at is not null
    ),
    by_agent as (
      select user_id, count(*)::int as accepted,
             ${durationAggregates('wait')},
             ${durationAggregates('first_response')},
             ${durationAggregates('duration')},
             count(rating_score)::int as ratings, avg(rating_score)::float8 as rating_average
        from accepted
       group by user_id
    ),
    last_timeout as (
      select max(c.ended_at) as at from conversations c
       where c.account_id = $1 and c.status = 'TIMED_OUT' and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz
    ),
    -- For each accepting period that can hold one, the period's chats' timeouts (an index range each).
    missed as (
      select p.user_id, count(distinct t.id)::int as missed
        from accepting_periods p
       cross join last_timeout
       cross join lateral (
         select c.id from conversations c
          where c.account_id = $1 and c.status = 'TIMED_OUT'
            and c.ended_at >= p.started_at and (p.ended_at is null or c.ended_at < p.ended_at)
            and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz) t
       where p.account_id = $1 and (p.ended_at is null or p.ended_at > $2::timestamptz) and p.started_at <= last_timeout.at
       group by p.user_id
    ),
    active as (
      select p.user_id,
             sum(greatest(0, extract(epoch from least(coalesce(p.ended_at, now()), $3::timestamptz) - greatest(p.started_at, $2::timestamptz))))::float8 as seconds
        from accepting_periods p
       where p.account_id = $1 and p.started_at < $3::timestamptz and (p.ended_at is null or p.ended_at > $2::timestamptz)
       group by p.user_id
    )
    select a.*, u.id as user_id, coalesce(a.accepted, 0) as accepted, coalesce(m.missed, 0) as missed, coalesce(t.seconds, 0) as accepting_seconds
      from users u
      left join by_agent a on a.user_id = u.id
      left join missed m on m.user_id = u.id
      left join active t on t.user_id = u.id
     where u.account_id = $1
     order by coalesce(a.accepted, 0) desc, u.name, u.id`;
  return { text, values: values(scope) };
}

/** One row per flow of the account: its funnel over the conversations started in the range. */
export function flowsSql(scope: ReportScope): ReportSql {
  const text = `
    with started as (
      select fv.flow_id,
             c.waiting_since is not null as requested, c.accepted_at is not null as accepted,
             c.status = 'TIMED_OUT' as missed, c.offline_message_at is not null as message_left,
             coalesce(offer.offered, false) as offered, coalesce(offer.accepted, false) as offer_accepted
        from conversations c
        join flow_versions fv on fv.id = c.flow_version_id
        -- The live-chat offers the bot made, and whether the visitor's next message picked accept.
        left join lateral (
          select count(*) > 0 as offered, coalesce(bool_or(reply.body = label.accept), false) as accepted
            from messages o
           cross join lateral (select opt->>'label' as accept from jsonb_array_elements(o.options) opt where opt->>'key' = 'accept' limit 1) label
            left join lateral (select v.body from messages v
                                where v.conversation_id = o.conversation_id and v.seq > o.seq and v.author = 'VISITOR'
                                order by v.seq limit 1) reply on true
           where o.conversation_id = c.id and o.author = 'BOT' and o.options is not null
             and o.options @> ${OFFER_OPTIONS} and jsonb_array_length(o.options) = 2
        ) offer on true
       where c.account_id = $1 and c.created_at >= $2::timestamptz and c.created_at < $3::timestamptz
    ),
    by_flow as (
      select flow_id,
             count(*)::int as conversations,
             count(*) filter (where offered)::int as offered,
             count(*) filter (where offer_accepted)::int as offer_accepted,
             count(*) filter (where offer_accepted and (requested or message_left))::int as details_given,
             count(*) filter (where requested)::int as requested,
             count(*) filter (where accepted)::int as accepted,
             count(*) filter (where missed)::int as missed,
             count(*) filter (where message_left)::int as messages_left
        from started
       group by flow_id
    )
    select b.*, f.id as flow_id
      from flows f
      left join by_flow b on b.flow_id = f.id
     where f.account_id = $1
     order by coalesce(b.conversations, 0) desc, f.name, f.id`;
  return { text, values: values(scope) };
}

/** The statement with `?` placeholders (knex), its values repeated in order. */
export function positional(sql: ReportSql): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  const text = sql.text.replace(/\$(\d+)/g, (_, index: string) => {
    bindings.push(sql.values[Number(index) - 1]);
    return '?';
  });
  return { sql: text, bindings };
}
