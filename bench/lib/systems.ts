import type { ServerProcess } from './processes';

/**
 * What a row needs to drive a server: ChatOnce's topology or a baseline. Rows send the same
 * documents to both; only where the flows and agents come from differs.
 */
export interface ChatSystem {
  name: string;
  /** API ports: [0] serves one-process rows; every port serves the two-process ones. */
  ports: number[];
  /** Every process whose CPU time is counted for this system. */
  processes: ServerProcess[];
  /** The process that holds the websockets (heap row). */
  primary: ServerProcess;
  /** The flow visitors of `account` start on (its LIVE_CHAT step waits a day before timing out). */
  flowId(account: string): string;
  /** Bearer tokens of `count` accepting agents of `account`. */
  agentTokens(account: string, count: number): string[];
}

/** The baseline servers answer anyone: accounts are named by flow IDs and agent tokens. */
export function memorySystem(name: string, servers: ServerProcess[]): ChatSystem {
  return {
    name,
    ports: servers.map((server) => server.port),
    processes: servers,
    primary: servers[0],
    flowId: (account) => account,
    agentTokens: (account, count) => Array.from({ length: count }, (_, index) => `agent:${account}:${index}`),
  };
}
