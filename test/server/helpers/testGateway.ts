/**
 * The set-up most gateway tests share: a scripted upstream and a test daemon pointed at it, started in
 * the suite's before() and closed (daemon first) in its after().
 *
 *   describe('gateway: …', () => {
 *     const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
 *     it('…', async () => {
 *       up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1}' }), '[DONE]')] });
 *       const res = await postChat(d, REQ);
 *     });
 *   });
 *
 * `up` and `d` are handles made when the suite is declared, before anything has started: each use is
 * passed on to the upstream and daemon of the running suite, so they can be named anywhere in the suite
 * (helpers, tables of closures) but used only inside hooks and tests (before: a clear error). Hooks the
 * suite registers after this call run after the start and after the close.
 */
import type { Daemon, DaemonOptions } from '../../../server/daemon';
import type { GatewayEvent } from '../../../shared/protocol';
import { startTestDaemon } from './gateway';
import { TestUpstream } from './testUpstream';

export interface TestGatewayOptions extends DaemonOptions {
  /** Keep every log line (at `logLevel`) in `logs` and every gateway event in `events`, from the start. */
  record?: boolean;
}

export interface TestGateway {
  up: TestUpstream;
  d: Daemon;
  /** With `record`: the daemon's log lines and events so far (the same arrays all along). */
  logs: string[];
  events: GatewayEvent[];
}

/** Daemon options; the upstream defaults to the scripted one. A function gets the started upstream. */
export function useTestGateway(options: TestGatewayOptions | ((up: TestUpstream) => TestGatewayOptions) = {}): TestGateway {
  let up: TestUpstream | null = null;
  let d: Daemon | null = null;
  const logs: string[] = [];
  const events: GatewayEvent[] = [];
  before(async () => {
    up = await TestUpstream.start();
    const { record, ...o } = typeof options === 'function' ? options(up) : options;
    d = await startTestDaemon({ upstream: up.url, ...(record ? { logOut: { write: (s: string) => logs.push(s) } } : {}), ...o });
    if (record) d.events.subscribe((e) => events.push(e));
  });
  after(async () => {
    await d?.close();
    await up?.close();
    d = null;
    up = null;
  });
  return { up: handle('the scripted upstream', () => up), d: handle('the test daemon', () => d), logs, events };
}

/** A daemon without a scripted upstream (the demo, or options of its own), started and closed like useTestGateway's. */
export function useTestDaemon(options: DaemonOptions = {}): { d: Daemon } {
  let d: Daemon | null = null;
  before(async () => {
    d = await startTestDaemon(options);
  });
  after(async () => {
    await d?.close();
    d = null;
  });
  return { d: handle('the test daemon', () => d) };
}

/**
 * For one test: a scripted upstream and a daemon pointed at it, given to `fn` and closed after it however
 * it ends (for a test whose suite has no daemon, or needs one of its own).
 */
export async function withTestGateway<T>(options: DaemonOptions, fn: (g: { up: TestUpstream; d: Daemon }) => Promise<T>): Promise<T> {
  const up = await TestUpstream.start();
  try {
    const d = await startTestDaemon({ upstream: up.url, ...options });
    try {
      return await fn({ up, d });
    } finally {
      await d.close();
    }
  } finally {
    await up.close();
  }
}

/** An object that passes every use on to what `current()` gives at that moment; throws while that is null. */
function handle<T extends object>(name: string, current: () => T | null): T {
  const target = (): T => {
    const t = current();
    if (t === null) throw new Error(`useTestGateway: ${name} runs only between the suite's before() and after(); use it inside a hook or a test`);
    return t;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const t = target();
      const v: unknown = Reflect.get(t, key);
      // methods run on the real object (its own `this`), so `return this` and private state behave as before
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
  });
}
