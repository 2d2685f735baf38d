import { describe, expect, it } from 'vitest';
import type { Clock } from './context.ts';
import { createSnapshotCache } from './snapshot-cache.ts';

function manualClock(start = 0): Clock & { advance: (ms: number) => void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A build that resolves when told, counting how often it ran. */
function controlledBuilds() {
  let runs = 0;
  const waiting: ((value: string) => void)[] = [];
  return {
    build: () => {
      runs += 1;
      return new Promise<string>((resolve) => waiting.push(resolve));
    },
    finish: (value: string) => {
      waiting.shift()?.(value);
    },
    get runs() {
      return runs;
    },
  };
}

describe('createSnapshotCache', () => {
  it('serves a value until its age reaches the bound, then builds it again', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000, refreshAfterMs: 1_000 });
    let version = 0;
    const build = () => Promise.resolve(`v${String((version += 1))}`);
    expect(await cache.read('k', build)).toBe('v1');
    clock.advance(999);
    expect(await cache.read('k', build)).toBe('v1');
    clock.advance(1);
    expect(await cache.read('k', build)).toBe('v2');
  });

  it('treats a clock that went back as too old', async () => {
    const clock = manualClock(10_000);
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000 });
    let version = 0;
    const build = () => Promise.resolve(`v${String((version += 1))}`);
    await cache.read('k', build);
    clock.advance(-1);
    expect(await cache.read('k', build)).toBe('v2');
  });

  it('shares one build between concurrent readers', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000 });
    const builds = controlledBuilds();
    const first = cache.read('k', builds.build);
    const second = cache.read('k', builds.build);
    builds.finish('a');
    expect(await Promise.all([first, second])).toEqual(['a', 'a']);
    expect(builds.runs).toBe(1);
  });

  it('never serves a build that started before a drop to a reader after it', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000 });
    const builds = controlledBuilds();
    const before = cache.read('k', builds.build);
    cache.drop((key) => key === 'k');
    const after = cache.read('k', builds.build);
    builds.finish('read before the change');
    builds.finish('read after the change');
    expect(await before).toBe('read before the change');
    expect(await after).toBe('read after the change');
    expect(await cache.read('k', builds.build)).toBe('read after the change');
    expect(builds.runs).toBe(2);
  });

  it('keeps a build that ends after a drop out of the cache', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000 });
    const builds = controlledBuilds();
    const before = cache.read('k', builds.build);
    cache.drop(() => true);
    builds.finish('stale');
    expect(await before).toBe('stale');
    const after = cache.read('k', builds.build);
    builds.finish('fresh');
    expect(await after).toBe('fresh');
  });

  it('drops only the entries that match, by key or by value', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000 });
    let runs = 0;
    const build = (value: string) => () => {
      runs += 1;
      return Promise.resolve(value);
    };
    await cache.read('office-1/a', build('A'));
    await cache.read('office-2/b', build('B'));
    cache.drop((_key, value) => value === 'A');
    await cache.read('office-1/a', build('A'));
    await cache.read('office-2/b', build('B'));
    expect(runs).toBe(3);
  });

  it('rebuilds in the background from refreshAfterMs and serves the held value meanwhile', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000, refreshAfterMs: 500 });
    const builds = controlledBuilds();
    const first = cache.read('k', builds.build);
    builds.finish('old');
    await first;
    clock.advance(500);
    expect(await cache.read('k', builds.build)).toBe('old');
    expect(await cache.read('k', builds.build)).toBe('old');
    expect(builds.runs).toBe(2);
    builds.finish('new');
    // let the background build's completion run (no timer involved)
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.read('k', builds.build)).toBe('new');
  });

  it('does not keep a failed build', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000 });
    await expect(cache.read('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.read('k', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('stops serving the held value when its background rebuild fails', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000, refreshAfterMs: 500 });
    await cache.read('k', () => Promise.resolve('valid'));
    clock.advance(500);
    const refused = () => Promise.reject(new Error('revoked'));
    expect(await cache.read('k', refused)).toBe('valid');
    // let the background build's failure run (no timer involved)
    await new Promise((resolve) => setImmediate(resolve));
    await expect(cache.read('k', refused)).rejects.toThrow('revoked');
  });

  it('holds at most maxEntries keys', async () => {
    const clock = manualClock();
    const cache = createSnapshotCache<string>({ clock, maxAgeMs: 1_000, maxEntries: 2 });
    let runs = 0;
    const build = () => {
      runs += 1;
      return Promise.resolve('x');
    };
    await cache.read('a', build);
    await cache.read('b', build);
    await cache.read('c', build);
    await cache.read('a', build);
    expect(runs).toBe(4);
  });
});
