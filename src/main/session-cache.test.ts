import { describe, expect, it } from 'vitest';
import { SessionCache, sessionKey } from './session-cache.ts';

const ann = { userId: 'ann', timeZone: 'UTC' };
const bob = { userId: 'bob', timeZone: 'UTC' };
const far = new Date('2100-01-01T00:00:00Z');

describe('SessionCache', () => {
  it('remembers for the TTL, never past the session expiry', () => {
    let now = 1_000;
    const cache = new SessionCache({ ttlMs: 100, now: () => now });
    cache.set('k', ann, far);
    expect(cache.get('k')).toEqual(ann);
    now += 100;
    expect(cache.get('k')).toBeUndefined();
    cache.set('short', ann, new Date(now + 10));
    now += 10;
    expect(cache.get('short')).toBeUndefined();
    cache.set('expired', ann, new Date(now - 1));
    expect(cache.size).toBe(0);
  });

  it('is bounded, evicting the oldest entry', () => {
    const cache = new SessionCache({ maxEntries: 2 });
    cache.set('a', ann, far);
    cache.set('b', bob, far);
    cache.set('c', ann, far);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual(bob);
    expect(cache.size).toBe(2);
  });

  it('forgets a user or everything', () => {
    const cache = new SessionCache();
    cache.set('a1', ann, far);
    cache.set('a2', ann, far);
    cache.set('b', bob, far);
    cache.forgetUser('ann');
    expect([cache.get('a1'), cache.get('a2'), cache.get('b')]).toEqual([undefined, undefined, bob]);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('keys by bearer token first, then cookies', () => {
    expect(sessionKey(new Headers({ authorization: 'Bearer x', cookie: 'c=1' }))).toBe('a:Bearer x');
    expect(sessionKey(new Headers({ cookie: 'c=1' }))).toBe('c:c=1');
    expect(sessionKey(new Headers())).toBeNull();
  });

  it("reads Node's header object the same way", () => {
    expect(sessionKey({ authorization: 'Bearer x', cookie: 'c=1' })).toBe('a:Bearer x');
    expect(sessionKey({ cookie: ['a=1', 'b=2'] })).toBe('c:a=1; b=2');
    expect(sessionKey({ host: 'x' })).toBeNull();
  });

  it('shares one lookup among the requests that miss at once', async () => {
    const cache = new SessionCache();
    let lookups = 0;
    let answer: (value: { actor: typeof ann; sessionExpiresAt: Date }) => void = () => {};
    const lookup = () => {
      lookups++;
      return new Promise<{ actor: typeof ann; sessionExpiresAt: Date }>((resolve) => {
        answer = resolve;
      });
    };
    const waiting = Array.from({ length: 100 }, () => cache.resolve('k', lookup));
    answer({ actor: ann, sessionExpiresAt: far });
    expect(await Promise.all(waiting)).toEqual(Array(100).fill(ann));
    expect(lookups).toBe(1);
    expect(await cache.resolve('k', lookup)).toEqual(ann);
    expect(lookups).toBe(1);
  });

  it('does not remember what a lookup begun before a sign-out found', async () => {
    const cache = new SessionCache();
    let answer: (value: { actor: typeof ann; sessionExpiresAt: Date } | null) => void = () => {};
    const lookup = () =>
      new Promise<{ actor: typeof ann; sessionExpiresAt: Date } | null>((resolve) => {
        answer = resolve;
      });
    const before = cache.resolve('k', lookup);
    cache.clear();
    answer({ actor: ann, sessionExpiresAt: far });
    expect(await before).toEqual(ann);
    expect(cache.get('k')).toBeUndefined();
    expect(await cache.resolve('missing', async () => null)).toBeNull();
  });
});
