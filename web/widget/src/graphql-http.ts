/** A GraphQL request that failed as a whole (not a `userErrors` entry). */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** `extensions.code` from the server, or NETWORK_ERROR / BAD_RESPONSE. */
    readonly code: string,
    /** True when sending the same request again may succeed. */
    readonly retryable: boolean,
  ) {
    super(message);
  }

  /** The visitor token was refused: the stored chat cannot be reached any more. */
  get tokenRejected(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'FORBIDDEN';
  }
}

export interface RequestOptions {
  /** Total tries; only for requests that are safe to repeat (idempotent). Default 1. */
  attempts?: number;
}

const REQUEST_TIMEOUT_MS = 15_000;
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** GraphQL over HTTP with plain fetch: POST JSON, bearer token when there is one. */
export class GraphQLHttpClient {
  constructor(
    private readonly url: string,
    private readonly token: () => string | null,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown>, options: RequestOptions = {}): Promise<T> {
    const attempts = Math.max(1, options.attempts ?? 1);
    // One body for every try, so a retried sendMessage carries the same clientMessageId.
    const body = JSON.stringify({ query, variables });
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(body);
      } catch (error) {
        const failure = error instanceof GraphQLRequestError ? error : new GraphQLRequestError('The request failed.', 'NETWORK_ERROR', true);
        if (!failure.retryable || attempt >= attempts) throw failure;
        await sleep(Math.min(500 * 2 ** (attempt - 1), 8000));
      }
    }
  }

  private async send<T>(body: string): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    // A request on a dead connection can hang for minutes: give up and let the caller retry.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    let status: number;
    let json: { data?: T | null; errors?: { message?: string; extensions?: { code?: string } }[] };
    try {
      const response = await fetch(this.url, { method: 'POST', headers, body, credentials: 'omit', mode: 'cors', signal: abort.signal });
      status = response.status;
      json = await response.json().catch(() => {
        throw new GraphQLRequestError(`The chat service answered ${response.status}.`, 'BAD_RESPONSE', RETRYABLE_STATUS.has(response.status));
      });
    } catch (error) {
      if (error instanceof GraphQLRequestError) throw error;
      throw new GraphQLRequestError('You seem to be offline.', 'NETWORK_ERROR', true);
    } finally {
      clearTimeout(timer);
    }
    const first = json.errors?.[0];
    if (first || !json.data) {
      const code = first?.extensions?.code ?? 'BAD_RESPONSE';
      const retryable = RETRYABLE_STATUS.has(status) || code === 'INTERNAL_SERVER_ERROR';
      throw new GraphQLRequestError(first?.message ?? 'The chat service sent an unexpected answer.', code, retryable);
    }
    return json.data;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
