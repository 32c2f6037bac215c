import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AccountResolver } from '../accounts/account.resolver';
import { ApiKeyResolver } from '../api-keys/api-key.resolver';
import { authChecker } from '../auth/auth-checker';
import { AuthResolver } from '../auth/auth.resolver';
import { FlowResolver, FlowVersionResolver } from '../flows/flow.resolver';
import { UserResolver } from '../users/user.resolver';
import { NodeResolver } from './node.resolver';

export const resolvers = [AccountResolver, ApiKeyResolver, AuthResolver, FlowResolver, FlowVersionResolver, NodeResolver, UserResolver] as const;

/** Builds the executable schema; `pubSub` carries subscription events (Redis in production). */
export async function createSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    pubSub,
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
}

export const SDL_HEADER = '# This file is generated from the code by `npm run schema:emit`. Do not edit it by hand.\n\n';

/** The SDL as checked in: sorted, so that diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return SDL_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
