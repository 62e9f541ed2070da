/**
 * What every Describe* call of a resource kind does before it shapes its answer: take the
 * records its id list names (every one when it names none; a bad id is the kind's Malformed
 * or NotFound error), and keep those its filters match, tags included.
 */
import type { Filter } from '@aws-sdk/client-ec2';
import { lookupAll, type IdKind } from './errors.js';
import { applyFilters, type FilterGetters } from './filters.js';
import type { RegionState } from './records.js';
import { tagsOf } from './tags.js';

/** A resource kind as Describe* lists it. */
export interface Listing<R> {
  kind: IdKind;
  records: (region: RegionState) => Readonly<Record<string, R>>;
  /** Its filters by name; a function where a filter reads more of the region than the record. */
  filters: FilterGetters<R> | ((region: RegionState) => FilterGetters<R>);
  /** The id its tags are kept under. */
  idOf: (record: R) => string;
}

export function describeRecords<R>(
  region: RegionState,
  listing: Listing<R>,
  ids: readonly string[] | undefined,
  filters: readonly Filter[] | undefined,
): R[] {
  const records = listing.records(region);
  const named = ids?.length ? lookupAll(listing.kind, records, ids) : Object.values(records);
  const getters = typeof listing.filters === 'function' ? listing.filters(region) : listing.filters;
  return applyFilters(named, filters, getters, (record) => tagsOf(region, listing.idOf(record)));
}
