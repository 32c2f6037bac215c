// The bench talks to PostgreSQL with `pg` (a devDependency that ships no types): the little it uses.
declare module 'pg' {
  export interface QueryResult<Row = any> {
    rows: Row[];
  }
  export class Client {
    constructor(options: { connectionString: string });
    connect(): Promise<void>;
    query<Row = any>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
    end(): Promise<void>;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export interface PoolClient {
    query<Row = any>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
    release(): void;
  }
  export class Pool {
    constructor(options: { connectionString: string; max?: number });
    query<Row = any>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
    on(event: 'connect', listener: (client: Client) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  const pg: { Client: typeof Client; Pool: typeof Pool };
  export default pg;
}
