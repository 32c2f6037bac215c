import { chooseAgent, isFull, nobodyAvailable, RoutingOutcome, type AgentLoad } from './selection';

const agent = (id: string, overrides: Partial<AgentLoad> = {}): AgentLoad => ({
  id,
  name: id,
  acceptingChats: true,
  maxConcurrentChats: null,
  activeChats: 0,
  liveOffers: 0,
  lastAssignedAt: null,
  ...overrides,
});
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const verdicts = (agents: AgentLoad[], offered: string[] = []) => chooseAgent(agents, new Set(offered)).verdicts.map(({ agent: { id }, outcome }) => [id, outcome]);

describe('chooseAgent', () => {
  it('ranks by chats (active plus offered), then idle time (never first), then ID', () => {
    const agents = [
      agent('a', { activeChats: 2 }),
      agent('b', { activeChats: 1, lastAssignedAt: at(5) }),
      agent('c', { liveOffers: 1, lastAssignedAt: at(1) }),
      agent('d', { activeChats: 1 }),
      agent('e', { activeChats: 1 }),
    ];
    expect(verdicts(agents)).toEqual([
      ['d', RoutingOutcome.OFFERED],
      ['e', RoutingOutcome.TIE_BREAK],
      ['c', RoutingOutcome.LESS_IDLE],
      ['b', RoutingOutcome.LESS_IDLE],
      ['a', RoutingOutcome.MORE_ACTIVE_CHATS],
    ]);
  });

  it('leaves out who is not accepting, already offered the chat, or full (offers count), in that order of reasons', () => {
    const agents = [
      agent('a', { acceptingChats: false, maxConcurrentChats: 1, activeChats: 1 }),
      agent('b', { maxConcurrentChats: 2, activeChats: 1, liveOffers: 1 }),
      agent('c', { maxConcurrentChats: 1 }),
      agent('d', { maxConcurrentChats: 3, activeChats: 2 }),
    ];
    expect(verdicts(agents, ['c'])).toEqual([
      ['d', RoutingOutcome.OFFERED],
      ['a', RoutingOutcome.NOT_ACCEPTING],
      ['b', RoutingOutcome.AT_CAPACITY],
      ['c', RoutingOutcome.ALREADY_OFFERED],
    ]);
    expect(isFull(agents[1])).toBe(true);
    expect(isFull(agents[3])).toBe(false);
  });

  it('chooses nobody when nobody is left, and tells "nobody free" from "everyone free was offered it"', () => {
    const busy = [agent('a', { acceptingChats: false }), agent('b', { maxConcurrentChats: 1, activeChats: 1 })];
    expect(chooseAgent(busy, new Set()).chosen).toBeNull();
    expect(nobodyAvailable(chooseAgent(busy, new Set()).verdicts)).toBe(true);
    const offeredAll = [agent('a'), agent('b')];
    const selection = chooseAgent(offeredAll, new Set(['a', 'b']));
    expect(selection.chosen).toBeNull();
    expect(nobodyAvailable(selection.verdicts)).toBe(false);
    expect(chooseAgent([], new Set())).toEqual({ chosen: null, verdicts: [] });
  });

  it('gives the same answer whatever order the users come in', () => {
    const agents = [agent('b', { lastAssignedAt: at(3) }), agent('a', { lastAssignedAt: at(3) }), agent('c', { lastAssignedAt: at(2) })];
    for (const order of [agents, [...agents].reverse(), [agents[1], agents[2], agents[0]]]) expect(chooseAgent(order, new Set()).chosen?.id).toBe('c');
    expect(chooseAgent(agents.slice(0, 2), new Set()).chosen?.id).toBe('a');
  });
});
