import { registerEnumType } from 'type-graphql';
import type { SortDirection } from './connection';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Ascending (oldest first) or descending (newest first).',
  valuesConfig: { ASC: { description: 'Oldest first.' }, DESC: { description: 'Newest first.' } },
});

/** The direction as the paginators take it; `fallback` when none was given. */
export function sortDirection(direction: OrderDirection | null | undefined, fallback: SortDirection = 'desc'): SortDirection {
  return direction ? (direction === OrderDirection.ASC ? 'asc' : 'desc') : fallback;
}
