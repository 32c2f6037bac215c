/** The schema's RoutingOutcome (the activity stream reads it from `data`, so codegen does not emit it). */
type RoutingOutcome = 'OFFERED' | 'NOT_ACCEPTING' | 'AT_CAPACITY' | 'ALREADY_OFFERED' | 'MORE_ACTIVE_CHATS' | 'LESS_IDLE' | 'TIE_BREAK';

/** Why a teammate was not offered a chat, in a few words (the activity stream's summary). */
export const ROUTING_OUTCOME_LABELS: Record<RoutingOutcome, string> = {
  OFFERED: 'offered',
  NOT_ACCEPTING: 'not accepting',
  AT_CAPACITY: 'full',
  ALREADY_OFFERED: 'already offered',
  MORE_ACTIVE_CHATS: 'more chats',
  LESS_IDLE: 'took a chat more recently',
  TIE_BREAK: 'tie, joined later',
};

interface StoredVerdict {
  name?: unknown;
  outcome?: unknown;
}

/** "Offered to Ben for 30 s · Ana: more chats, Cara: not accepting" from a LIVE_CHAT_OFFERED or LIVE_CHAT_POOLED event's data. */
export function routingSummary(type: 'LIVE_CHAT_OFFERED' | 'LIVE_CHAT_POOLED', data: Record<string, unknown>): string {
  const agents = Array.isArray(data.agents) ? (data.agents as StoredVerdict[]) : [];
  const others = agents
    .filter((agent) => agent.outcome !== 'OFFERED' && typeof agent.name === 'string')
    .map((agent) => `${agent.name}: ${ROUTING_OUTCOME_LABELS[agent.outcome as RoutingOutcome] ?? String(agent.outcome)}`);
  const head =
    type === 'LIVE_CHAT_OFFERED'
      ? `Offered to ${typeof data.offeredToName === 'string' ? data.offeredToName : 'a teammate'}${typeof data.offerSeconds === 'number' ? ` for ${data.offerSeconds} s` : ''}`
      : data.trigger === 'ASSIGNMENT_CHANGED'
        ? 'Shown to everyone (assignment switched to manual)'
        : 'Shown to everyone: nobody left to offer it to';
  return others.length ? `${head} · ${others.join(', ')}` : head;
}
