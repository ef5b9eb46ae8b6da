import { strict as assert } from 'node:assert';
import { StoreStatus } from '../../client/storeStatus';
import type { GatewayEvent, GatewayInfo } from '../../shared/protocol';

const info = (storeProblem?: string | null): GatewayInfo => ({ url: 'http://127.0.0.1:8787/v1', port: 8787, upstream: 'http://u/v1', demo: false, token: null, ...(storeProblem !== undefined ? { storeProblem } : {}) });
const ev = (durable: boolean, problem: string | null): Extract<GatewayEvent, { type: 'store' }> => ({ type: 'store', seq: 1, id: 'sfx_1', time: '2026-12-03T08:01:02.000Z', durable, problem });
const PROBLEM = "1 artifact(s) kept in memory only since 2026-12-03T08:01:02.000Z (each answered with x-streamfix-artifact: memory-only; lost at a restart): could not create a new segment: EACCES: permission denied, open '/d/artifacts-00000002.log'";

describe('client/storeStatus', () => {
  it('shows artifacts in memory only from the store event that says so until the one that says durable again', () => {
    const s = new StoreStatus();
    s.reset(info(null));
    assert.deepEqual([s.text(), s.tooltip()], [null, null]);
    assert.equal(s.onEvent(ev(false, PROBLEM)), true);
    assert.equal(s.text(), '$(warning) StreamFix: artifacts in memory only');
    assert.equal(
      s.tooltip(),
      `The daemon is degraded: ${PROBLEM}\nWhile this lasts, each response says x-streamfix-artifact: memory-only and its artifact is lost when the daemon restarts (GET /health lists the problem).\nClick for the daemon's log.`,
    );
    assert.equal(s.onEvent(ev(false, PROBLEM)), false);
    assert.equal(s.onEvent(ev(true, null)), true);
    assert.deepEqual([s.text(), s.tooltip()], [null, null]);
    assert.equal(s.onEvent(ev(true, null)), false);
  });

  it('takes the state the daemon had when it started (a directory whose eight writer slots are held), and forgets it for a new daemon', () => {
    const s = new StoreStatus();
    // a second editor window's daemon is the directory's second writer: durable, no problem, nothing shown
    s.reset(info(null));
    assert.deepEqual([s.text(), s.tooltip()], [null, null]);
    const held = 'artifact directory /d is in use by 8 other StreamFix daemons (pid 7, 8, 9, 10, 11, 12, 13, 14), the most that write to one directory: this daemon keeps its artifacts in memory only (lost at a restart) and lists the directory\'s read-only';
    s.reset(info(held));
    assert.equal(s.text(), '$(warning) StreamFix: artifacts in memory only');
    assert.equal(s.tooltip()!.startsWith(`The daemon is degraded: ${held}\n`), true);
    // a daemon from before storeProblem existed, or none running
    s.reset(info());
    assert.equal(s.text(), null);
    s.reset(info(held));
    s.reset();
    assert.equal(s.text(), null);
  });
});
