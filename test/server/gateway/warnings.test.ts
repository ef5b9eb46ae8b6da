/** Warnings: every one counted by kind, kept among the recent, logged (a burst once per interval). */
import { strict as assert } from 'node:assert';
import type { Logger } from '../../../server/gateway/log';
import { Warnings } from '../../../server/gateway/warnings';

function capture(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const log: Logger = { error: (m) => lines.push(`error ${m}`), warn: (m) => lines.push(`warn ${m}`), info: () => undefined, debug: () => undefined };
  return { log, lines };
}

describe('gateway/warnings', () => {
  it('counts every warning by kind, calls the metric hook, keeps the recent ones', () => {
    const { log, lines } = capture();
    const counted: string[] = [];
    let now = Date.parse('2026-11-30T00:00:00Z');
    const w = new Warnings(log, (k) => counted.push(k), 10_000, () => now);
    w.warn('store_write_failed', 'could not write a.json: ENOSPC');
    now += 1000;
    w.warn('connection_refused', 'refused a connection');
    assert.deepEqual(counted, ['store_write_failed', 'connection_refused']);
    assert.deepEqual(w.stats(), {
      total: 2,
      byKind: { store_write_failed: 1, connection_refused: 1 },
      recent: [
        { time: '2026-11-30T00:00:00.000Z', kind: 'store_write_failed', message: 'could not write a.json: ENOSPC' },
        { time: '2026-11-30T00:00:01.000Z', kind: 'connection_refused', message: 'refused a connection' },
      ],
    });
    assert.deepEqual(lines, ['warn store_write_failed: could not write a.json: ENOSPC', 'warn connection_refused: refused a connection']);
  });

  it('logs a burst of one kind once per interval, saying how many more were counted', () => {
    const { log, lines } = capture();
    let now = 0;
    const w = new Warnings(log, undefined, 10_000, () => now);
    for (let i = 0; i < 5; i++) {
      w.warn('store_write_failed', `could not write a${i}`);
      now += 1000;
    }
    now = 12_000;
    w.warn('store_write_failed', 'could not write a5');
    assert.deepEqual(lines, ['warn store_write_failed: could not write a0', 'warn store_write_failed: could not write a5 (and 4 more like it in the last 12 s)']);
    assert.equal(w.count('store_write_failed'), 6);
    assert.equal(w.stats().total, 6);
  });

  it('logs what a burst left uncounted in the log at the end of its interval, when no later warning does', () => {
    const { log, lines } = capture();
    let now = 0;
    const timers: [() => void, number][] = [];
    const w = new Warnings(log, undefined, 10_000, () => now, (fn, ms) => timers.push([fn, ms]));
    for (let i = 0; i < 69; i++) {
      w.warn('store_write_failed', `could not write a${i}: ENOSPC`);
      now += 100;
    }
    // one timer for the burst, at the end of the interval its first line opened
    assert.deepEqual(timers.map(([, ms]) => ms), [9_900]);
    now = 10_000;
    timers.shift()![0]();
    assert.deepEqual(lines, ['warn store_write_failed: could not write a0: ENOSPC', 'warn store_write_failed: 68 more like it in the last 10 s, the last: could not write a68: ENOSPC']);
    // the next one opens a new interval: logged at once, nothing left to say at its end
    now = 25_000;
    w.warn('store_write_failed', 'could not write b: ENOSPC');
    assert.equal(lines[2], 'warn store_write_failed: could not write b: ENOSPC');
    now = 26_000;
    w.warn('store_write_failed', 'could not write c: ENOSPC');
    assert.deepEqual(timers.map(([, ms]) => ms), [9_000]);
    now = 35_000;
    w.warn('store_write_failed', 'could not write d: ENOSPC');
    assert.equal(lines[3], 'warn store_write_failed: could not write d: ENOSPC (and 1 more like it in the last 10 s)');
    timers.shift()![0]();
    assert.equal(lines.length, 4);
    assert.equal(w.count('store_write_failed'), 72);
  });

  it('keeps the 20 newest warnings only', () => {
    const w = new Warnings(capture().log);
    for (let i = 0; i < 30; i++) w.warn('store', `w${i}`);
    const recent = w.stats().recent;
    assert.equal(recent.length, 20);
    assert.equal(recent[0]!.message, 'w10');
    assert.equal(recent[19]!.message, 'w29');
  });
});

describe('daemon: warnings after start-up', () => {
  it('logs and counts a warning of the artifact store in /health and the metrics', async () => {
    const { startTestDaemon, metric } = await import('../helpers/gateway');
    const lines: string[] = [];
    const d = await startTestDaemon({ demo: true, logLevel: 'warn', logOut: { write: (s: string) => lines.push(s) } });
    try {
      d.store.warn('could not write artifact sfx_1 in /x: ENOSPC: no space left on device');
      const h = (await (await fetch(`http://127.0.0.1:${d.info.port}/health`)).json()) as { warnings: { byKind: Record<string, number>; recent: { kind: string; message: string }[] } };
      assert.equal(h.warnings.byKind.store, 1);
      assert.deepEqual(h.warnings.recent.map((r) => [r.kind, r.message]), [['store', 'could not write artifact sfx_1 in /x: ENOSPC: no space left on device']]);
      assert.equal(await metric(d, 'streamfix_warnings_total{kind="store"}'), 1);
      assert.match(lines.join(''), / warn  store: could not write artifact sfx_1 in \/x: ENOSPC: no space left on device\n/);
    } finally {
      await d.close();
    }
  });

  it('does not count evictions at the store\'s bounds as warnings: an info line, /health store.evicted and streamfix_artifacts_evicted_total', async () => {
    const { startTestDaemon, metric, postChat } = await import('../helpers/gateway');
    const lines: string[] = [];
    const d = await startTestDaemon({ demo: true, maxArtifacts: 2, logLevel: 'info', logOut: { write: (s: string) => lines.push(s) } });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await postChat(d, { model: 'demo/clean', messages: [{ role: 'user', content: 'x' }] })).status, 200);
      const h = (await (await fetch(`http://127.0.0.1:${d.info.port}/health`)).json()) as { warnings: { total: number }; store: { evicted: number; count: number } };
      assert.deepEqual({ evicted: h.store.evicted, count: h.store.count, warnings: h.warnings.total }, { evicted: 3, count: 2, warnings: 0 });
      assert.equal(await metric(d, 'streamfix_artifacts_evicted_total'), 3);
      const notices = lines.filter((l) => l.includes('artifact store:')).map((l) => l.replace(/^\S+ /, ''));
      assert.deepEqual(notices, [1, 3].map((n) => `info  artifact store: at its bound (2 artifacts, 67108864 bytes): the oldest artifacts are dropped; ${n} evicted since start\n`));
    } finally {
      await d.close();
    }
  });
});
