// The part of node-postgres (pg, a dev dependency without bundled types) the suite uses.
declare module 'pg' {
  interface QueryResult<R> {
    rows: R[];
    rowCount: number | null;
  }
  interface Queryable {
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  }
  class Client implements Queryable {
    constructor(config: { connectionString?: string });
    connect(): Promise<void>;
    end(): Promise<void>;
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  }
  class Pool implements Queryable {
    constructor(config: { connectionString?: string; max?: number });
    end(): Promise<void>;
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  }
  const pg: { Client: typeof Client; Pool: typeof Pool };
  export default pg;
  export { Client, Pool, QueryResult };
}
