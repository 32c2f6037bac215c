import { Cursor, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/core';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { badUserInput } from '../errors/graphql-errors';
import { isUuid } from './global-id';

@ObjectType('PageInfo', { description: 'Where a page of a connection sits, for fetching the next or the previous one (Relay’s PageInfo).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page (known exactly when paging forward with `first`; with `last`, true when `before` was given).' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items come before this page (known exactly when paging backward with `last`; with `first`, true when `after` was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page; pass it as `before` for the previous page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay's connection arguments: `first`/`after` pages forward, `last`/`before` backward. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return from the start, or after \`after\` (1–${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given). Not with \`last\`.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (a page’s `endCursor`).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `How many items to return from the end, or before \`before\` (1–${MAX_PAGE_SIZE}). Not with \`first\`.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor (a page’s `startCursor`).' })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /**
   * How many items the whole list holds: a getter, so the `count(*)` under the list's own filter
   * runs only when a client selects the field (the resolver reads the property).
   */
  readonly totalCount?: Promise<number> | number;
}

/** Builds the `XEdge` and `XConnection` types of a Relay connection over `nodeType`. */
/**
 * Builds the `XEdge` and `XConnection` types of a Relay connection over `nodeType`; with
 * `totalCount`, lists whose count is one indexed query (every list built by `paginate`) offer it.
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, what: string, options: { totalCount?: boolean } = {}) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this item, for `after` or `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} items.` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether more items follow or precede, and the cursors to fetch them.' })
    pageInfo!: PageInfo;
  }
  if (!options.totalCount) return ConnectionClass;

  @ObjectType(`${name}Connection`, { description: `A page of ${what} items, and how many the whole list holds.` })
  class CountedConnectionClass extends ConnectionClass {
    @Field(() => Int, { description: `How many ${what} items the whole list holds under the same filter, across all pages (counted only when asked).` })
    totalCount!: number;
  }
  return CountedConnectionClass;
}

/** A connection with nothing in it (a list the caller may not see reads as empty). */
export function emptyConnection<T>(): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
}

export type SortDirection = 'asc' | 'desc';
/** What a list is ordered by: a unique column, or `updatedAt` with the ID breaking ties. */
export type OrderField = 'id' | 'seq' | 'updatedAt';

/**
 * Keyset pagination on one unique, ordered column: by default the UUIDv7 primary key
 * (creation order; `desc` is newest first), forward (`first`/`after`) or backward
 * (`last`/`before`, the page still in the list's order). A cursor that is not one of ours, or
 * `first` with `last`, is BAD_USER_INPUT.
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { first, after, last, before }: ConnectionArgs,
  direction: SortDirection = 'asc',
  orderField: OrderField = 'id',
): Promise<Connection<T>> {
  if (first != null && last != null) throw badUserInput('Pass `first` or `last`, not both.', { argumentName: 'last' });
  if (after) assertCursor(after, orderField, 'after');
  if (before) assertCursor(before, orderField, 'before');
  const size = (count: number) => Math.min(Math.max(count, 1), MAX_PAGE_SIZE);
  const page = await em.findByCursor(entity, where, {
    ...(last != null ? { last: size(last) } : { first: size(first ?? DEFAULT_PAGE_SIZE) }),
    after: after ?? undefined,
    before: before ?? undefined,
    orderBy: (orderField === 'updatedAt' ? { updatedAt: direction, id: direction } : { [orderField]: direction }) as never,
    includeCount: false,
  });
  const items = page.items as T[];
  return {
    edges: items.map((node) => ({ cursor: page.from(node as never), node })),
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPrevPage, startCursor: page.startCursor, endCursor: page.endCursor },
    get totalCount() {
      return em.count(entity, where);
    },
  };
}

/** A cursor must decode to one position of the order column, or the database would reject it (a 500). */
function assertCursor(cursor: string, orderField: OrderField, argumentName: 'after' | 'before'): void {
  try {
    const values: unknown = Cursor.decode(cursor);
    if (Array.isArray(values) && values.length === 1) {
      const [position] = values;
      if (orderField === 'id' && isUuid(position)) return;
      if (orderField === 'seq' && Number.isSafeInteger(position) && (position as number) >= 0) return;
    }
    if (Array.isArray(values) && values.length === 2 && orderField === 'updatedAt') {
      const [at, id] = values;
      if (at instanceof Date && !Number.isNaN(at.getTime()) && isUuid(id)) return;
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`Argument "${argumentName}" is not a valid cursor: pass the \`${argumentName === 'after' ? 'endCursor' : 'startCursor'}\` of a page of this list.`, { argumentName });
}

/**
 * Keyset pagination over a numeric `position` column with cursors of the caller's own kind
 * (`encode`/`decode`), so that one cursor serves a list and a stream alike (an activity event's
 * edge cursor is its `cursor` in `activityEvents(after:)`). Same arguments and PageInfo
 * semantics as `paginate`.
 */
export async function paginateByPosition<T extends { position: number }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { first, after, last, before }: ConnectionArgs,
  direction: SortDirection,
  cursors: { encode: (position: number) => string; decode: (cursor: string, argumentName: 'after' | 'before') => number },
): Promise<Connection<T>> {
  if (first != null && last != null) throw badUserInput('Pass `first` or `last`, not both.', { argumentName: 'last' });
  const backward = last != null;
  const size = Math.min(Math.max((backward ? last : first) ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const bounds: Record<string, number> = {};
  // "After" in the list's order: smaller positions when newest first.
  const beyond = (cursor: string, argumentName: 'after' | 'before', forward: boolean) => {
    const position = cursors.decode(cursor, argumentName);
    bounds[(direction === 'desc') === forward ? '$lt' : '$gt'] = position;
  };
  if (after) beyond(after, 'after', true);
  if (before) beyond(before, 'before', false);
  const reading: SortDirection = backward ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  const rows = (await em.find(entity, { ...(where as object), ...(Object.keys(bounds).length ? { position: bounds } : {}) } as FilterQuery<T>, {
    orderBy: { position: reading } as never,
    limit: size + 1,
  })) as T[];
  const more = rows.length > size;
  const items = rows.slice(0, size);
  if (backward) items.reverse();
  const edges = items.map((node) => ({ cursor: cursors.encode(node.position), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? !!before : more,
      hasPreviousPage: backward ? more : !!after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
