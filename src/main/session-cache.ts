// A short-lived memory of resolved sessions, so an authenticated request costs no database round
// trip most of the time. Bounded in size and age; sign-out and account changes in this process
// clear it at once, and other replicas notice a revoked session within `ttlMs` (ADR 002).
import type { Actor, RequestHeaders } from '../ports/index.ts';

interface Entry {
  actor: Actor;
  expiresAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Actor | null>>();
  /** Bumped by clear() and forgetUser(): a lookup begun before must not cache what it found. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get(key: string): Actor | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.actor;
  }

  /** Remembers an actor until the TTL passes or the session itself expires, whichever is first. */
  set(key: string, actor: Actor, sessionExpiresAt: Date): void {
    const expiresAt = Math.min(this.now() + this.ttlMs, sessionExpiresAt.getTime());
    if (expiresAt <= this.now()) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { actor, expiresAt });
  }

  /**
   * The remembered actor, else one lookup shared by every request that asks for the same key
   * meanwhile. When an entry expired under load, each request in flight had looked the session up
   * itself: a stampede of hundreds of lookups that stalled a list run for half a second (bench:api).
   */
  resolve(
    key: string,
    lookup: () => Promise<{ actor: Actor; sessionExpiresAt: Date } | null>,
  ): Promise<Actor | null> {
    const known = this.get(key);
    if (known) return Promise.resolve(known);
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = lookup()
      .then((found) => {
        if (found && generation === this.generation) this.set(key, found.actor, found.sessionExpiresAt);
        return found?.actor ?? null;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.actor.userId === userId) this.entries.delete(key);
    this.forgetLookups();
  }

  clear(): void {
    this.entries.clear();
    this.forgetLookups();
  }

  private forgetLookups(): void {
    this.inflight.clear();
    this.generation++;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What identifies a request's session: its bearer token, else its cookies. */
export function sessionKey(headers: Headers | RequestHeaders): string | null {
  const read = (name: string) => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value.join('; ') : (value ?? null);
  };
  const authorization = read('authorization');
  if (authorization) return `a:${authorization}`;
  const cookie = read('cookie');
  return cookie ? `c:${cookie}` : null;
}
