/** Why a user was, or was not, offered a chat (`RoutingOutcome` in the schema). */
export enum RoutingOutcome {
  OFFERED = 'OFFERED',
  NOT_ACCEPTING = 'NOT_ACCEPTING',
  AT_CAPACITY = 'AT_CAPACITY',
  ALREADY_OFFERED = 'ALREADY_OFFERED',
  MORE_ACTIVE_CHATS = 'MORE_ACTIVE_CHATS',
  LESS_IDLE = 'LESS_IDLE',
  TIE_BREAK = 'TIE_BREAK',
}

/** One user of the account as routing sees them at the moment of a decision. */
export interface AgentLoad {
  id: string;
  name: string;
  acceptingChats: boolean;
  maxConcurrentChats: number | null;
  /** ACTIVE chats assigned to them. */
  activeChats: number;
  /** Waiting chats offered to them right now (each would become an active chat). */
  liveOffers: number;
  /** When they last accepted or were transferred a chat; null: never. */
  lastAssignedAt: Date | null;
}

export interface AgentVerdict {
  agent: AgentLoad;
  outcome: RoutingOutcome;
}

export interface Selection {
  chosen: AgentLoad | null;
  /** Every user of the account, the chosen one first, then in the order they ranked. */
  verdicts: AgentVerdict[];
}

/** A user's load for fairness and capacity: chats they have plus chats offered to them. */
export function loadOf(agent: AgentLoad): number {
  return agent.activeChats + agent.liveOffers;
}

export function isFull(agent: AgentLoad): boolean {
  return agent.maxConcurrentChats != null && loadOf(agent) >= agent.maxConcurrentChats;
}

/** Never-assigned users rank as the most idle of all. */
const idleSince = (agent: AgentLoad): number => agent.lastAssignedAt?.getTime() ?? -Infinity;

/**
 * Picks the user to offer a chat to: among users accepting chats, below capacity and not yet
 * offered this chat, the one with the fewest chats (active plus offered), then the longest
 * since their last chat (never first), then the oldest user (UUIDv7 IDs sort by creation), so
 * the same facts always give the same answer. Pure: the caller reads the facts and locks.
 */
export function chooseAgent(agents: AgentLoad[], alreadyOffered: ReadonlySet<string>): Selection {
  const verdicts: AgentVerdict[] = [];
  const candidates: AgentLoad[] = [];
  for (const agent of agents) {
    if (!agent.acceptingChats) verdicts.push({ agent, outcome: RoutingOutcome.NOT_ACCEPTING });
    else if (alreadyOffered.has(agent.id)) verdicts.push({ agent, outcome: RoutingOutcome.ALREADY_OFFERED });
    else if (isFull(agent)) verdicts.push({ agent, outcome: RoutingOutcome.AT_CAPACITY });
    else candidates.push(agent);
  }
  candidates.sort((a, b) => loadOf(a) - loadOf(b) || idleSince(a) - idleSince(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [chosen, ...others] = candidates;
  if (!chosen) return { chosen: null, verdicts };
  const ranked = others.map((agent): AgentVerdict => ({
    agent,
    outcome: loadOf(agent) > loadOf(chosen) ? RoutingOutcome.MORE_ACTIVE_CHATS : idleSince(agent) > idleSince(chosen) ? RoutingOutcome.LESS_IDLE : RoutingOutcome.TIE_BREAK,
  }));
  return { chosen, verdicts: [{ agent: chosen, outcome: RoutingOutcome.OFFERED }, ...ranked, ...verdicts] };
}

/** Whether nobody at all could take a chat now (as opposed to everyone free having been offered it). */
export function nobodyAvailable(verdicts: AgentVerdict[]): boolean {
  return verdicts.every((verdict) => verdict.outcome === RoutingOutcome.NOT_ACCEPTING || verdict.outcome === RoutingOutcome.AT_CAPACITY);
}
