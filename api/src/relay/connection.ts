import { Cursor, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/core';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { badUserInput } from '../errors/graphql-errors';
import { isUuid } from './global-id';

@ObjectType('PageInfo', { description: 'Where a page of a connection sits, for fetching the next one.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many items to return (1–${MAX_PAGE_SIZE}).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (a previous page’s `endCursor`).' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Builds the `XEdge` and `XConnection` types of a Relay connection over `nodeType`. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this item, for `after`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} items.` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to fetch them.' })
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

export type SortDirection = 'asc' | 'desc';

/**
 * Keyset pagination on one unique, ordered column: by default the UUIDv7 primary key
 * (creation order; `desc` is newest first). A cursor that is not one of ours is BAD_USER_INPUT.
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { first, after }: ConnectionArgs,
  direction: SortDirection = 'asc',
  orderField: 'id' | 'seq' = 'id',
): Promise<Connection<T>> {
  if (after) assertCursor(after, orderField);
  const page = await em.findByCursor(entity, where, {
    first: Math.min(Math.max(first, 1), MAX_PAGE_SIZE),
    after: after ?? undefined,
    orderBy: { [orderField]: direction } as never,
    includeCount: false,
  });
  const items = page.items as T[];
  return {
    edges: items.map((node) => ({ cursor: page.from(node as never), node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}

/** A cursor must decode to one position of the order column, or the database would reject it (a 500). */
function assertCursor(cursor: string, orderField: 'id' | 'seq'): void {
  try {
    const values: unknown = Cursor.decode(cursor);
    if (Array.isArray(values) && values.length === 1) {
      const [position] = values;
      if (orderField === 'id' && isUuid(position)) return;
      if (orderField === 'seq' && Number.isSafeInteger(position) && (position as number) >= 0) return;
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('Argument "after" is not a valid cursor: pass the `endCursor` of a previous page of this list.', { argumentName: 'after' });
}
