import { FLOW_STEP_FIELDS, type FlowPrefill } from './examples';

/** Where the API answers GraphQL: the same origin that serves this page. */
export const GRAPHQL_URL = `${location.origin}/graphql`;
export const GRAPHQL_WS_URL = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;

/** The token was refused (expired, revoked, or not a user's): sign in again. */
export class SessionExpiredError extends Error {
  constructor(message = 'Your session has expired. Sign in again.') {
    super(message);
    this.name = 'SessionExpiredError';
  }
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** Whether a GraphQL result says the bearer token was refused. */
export function isUnauthenticated(result: unknown): boolean {
  const errors = (result as GraphQLResponse<unknown> | null)?.errors;
  return Array.isArray(errors) && errors.some((error) => error?.extensions?.code === 'UNAUTHENTICATED');
}

/** A GraphQL error the API returned, with its `extensions.code`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new Error('The ChatOnce API cannot be reached. Check your connection and try again.');
  }
  const result = (await response.json().catch(() => null)) as GraphQLResponse<T> | null;
  if (!result) throw new Error(`The ChatOnce API answered ${response.status} without a GraphQL result.`);
  if (isUnauthenticated(result)) throw new SessionExpiredError();
  const [error] = result.errors ?? [];
  if (error || !result.data) throw new ApiError(error?.message ?? 'The ChatOnce API returned no data.', error?.extensions?.code);
  return result.data;
}

/** The signed-in user, shown in the top bar. */
export interface Me {
  name: string;
  email: string;
  role: string;
  account: { name: string };
}

const ME = /* GraphQL */ `
  query GraphiQLMe {
    me {
      name
      email
      role
      account {
        name
      }
    }
  }
`;

const NOT_A_USER = 'That token does not belong to a ChatOnce user. Sign in.';

/** Who the token belongs to; a token that is no user's (a visitor's, say) counts as expired. */
export async function fetchMe(token: string): Promise<Me> {
  let data: { me: Me | null };
  try {
    data = await request<{ me: Me | null }>(ME, {}, token);
  } catch (error) {
    // FORBIDDEN: a visitor's token found in storage, not a user's.
    if (error instanceof ApiError && error.code === 'FORBIDDEN') throw new SessionExpiredError(NOT_A_USER);
    throw error;
  }
  if (!data.me) throw new SessionExpiredError(NOT_A_USER);
  return data.me;
}

const LOGIN = /* GraphQL */ `
  mutation GraphiQLLogin($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
      token
      userErrors {
        message
      }
    }
  }
`;

/** Signs in with email and password; rejects with the API's message when refused. */
export async function login(email: string, password: string): Promise<string> {
  const data = await request<{ login: { token: string | null; userErrors: { message: string }[] } }>(LOGIN, { email, password });
  const { token, userErrors } = data.login;
  if (!token) throw new Error(userErrors[0]?.message ?? 'Sign-in failed.');
  return token;
}

const FLOW_TO_EDIT = /* GraphQL */ `
  query GraphiQLFlowToEdit {
    flows(first: 1) {
      edges {
        node {
          id
          name
          steps {
            ${FLOW_STEP_FIELDS}
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;

interface FlowsPage {
  flows: { edges: { node: { id: string; name: string; steps: unknown[] } }[]; pageInfo: { hasNextPage: boolean } };
}

/** The account's first flow as it is now, for the UpdateFlow tab; an expired token rejects. */
export async function fetchFlowPrefill(token: string): Promise<FlowPrefill> {
  try {
    const { flows } = await request<FlowsPage>(FLOW_TO_EDIT, {}, token);
    const [first] = flows.edges;
    return first ? { kind: 'flow', flow: first.node, more: flows.pageInfo.hasNextPage } : { kind: 'no-flow' };
  } catch (error) {
    if (error instanceof SessionExpiredError) throw error;
    return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
}
