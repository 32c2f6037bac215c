import { LRUCache } from 'lru-cache';
import { metrics } from '../metrics/metrics';
import type { ChangeListener } from './change-feed';
import type { CommittedChange } from './committed-changes';

interface Entry<V> {
  owner: string;
  value: V;
  /** The generation when the read that produced it began. */
  readAt: number;
}

/**
 * A per-process cache of values read from PostgreSQL, each belonging to an owner (a user, an
 * account), that never serves a value after its owner changed, once that change was announced
 * (see change-feed.ts): stale values are prevented, not tolerated.
 *
 * - `forget(owners)` runs for every committed change, from this process or another.
 * - A value whose read began before a change of its owner was announced is not served, even
 *   if it was stored after the announcement (each owner remembers the generation of its last
 *   change; a value carries the generation its read began at).
 * - While announcements cannot arrive (the pub/sub connection is down) the cache is off: it
 *   empties itself and serves nothing until `resume()`.
 * - Values also expire after `ttlMs`: the bound should an announcement be lost another way.
 */
export class InvalidatedCache<V> implements ChangeListener {
  private readonly entries: LRUCache<string, Entry<V>>;
  /** The generation of each owner's last announced change. */
  private readonly changedAt: LRUCache<string, number>;
  private generation = 0;
  /** Values read before this generation are stale (the cache was off, or forgot an owner's change). */
  private floor = 0;
  private live = false;

  private readonly lookups: Record<'hit' | 'miss' | 'off', { inc(): void }>;
  private readonly ownersOf: (change: CommittedChange) => string[];

  /**
   * `name` labels its lookups in /metrics (`chatonce_read_cache_lookups_total`); `ownersOf` says
   * which owners a committed change touched (its users, its accounts).
   */
  constructor({ name, ttlMs, max, ownersOf }: { name: string; ttlMs: number; max: number; ownersOf: (change: CommittedChange) => string[] }) {
    this.ownersOf = ownersOf;
    const counter = metrics.readCacheLookups;
    this.lookups = { hit: counter.labels(name, 'hit'), miss: counter.labels(name, 'miss'), off: counter.labels(name, 'off') };
    this.entries = new LRUCache({ max, ttl: ttlMs });
    this.changedAt = new LRUCache({
      max: max * 4,
      // An owner whose last change is forgotten could look unchanged: everything older goes.
      dispose: (generation, _owner, reason) => {
        if (reason === 'evict') this.floor = Math.max(this.floor, generation);
      },
    });
  }

  /** Call before reading from PostgreSQL; pass the result to `set`. */
  beginRead(): number {
    return this.generation;
  }

  get(key: string, owner: string): V | undefined {
    if (!this.live) return void this.lookups.off.inc();
    const entry = this.entries.get(key);
    if (!entry || entry.owner !== owner || !this.fresh(entry.owner, entry.readAt)) return void this.lookups.miss.inc();
    this.lookups.hit.inc();
    return entry.value;
  }

  /** Keeps a value read since `beginRead` returned `readAt`, unless its owner changed meanwhile. */
  set(key: string, owner: string, value: V, readAt: number): void {
    if (this.live && this.fresh(owner, readAt)) this.entries.set(key, { owner, value, readAt });
  }

  /** A change committed here or in another process: its owners' values are stale. */
  forget(change: CommittedChange): void {
    const owners = this.ownersOf(change);
    if (!owners.length) return;
    const generation = ++this.generation;
    for (const owner of owners) this.changedAt.set(owner, generation);
  }

  /** Announcements are being received (again): caching may start. */
  resume(): void {
    this.floor = ++this.generation;
    this.live = true;
  }

  /** Announcements may be missed from now on: forget everything and stop caching. */
  suspend(): void {
    this.floor = ++this.generation;
    this.live = false;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private fresh(owner: string, readAt: number): boolean {
    return readAt >= this.floor && readAt >= (this.changedAt.get(owner) ?? 0);
  }
}
