import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ConfigError, OPENROUTER_BASE_URL, parseDaemonArgs } from '../../../server/gateway/config';

describe('gateway/config', () => {
  it('uses the embedded demo when there is no key and no upstream', () => {
    const c = parseDaemonArgs([], { XDG_STATE_HOME: '/state' });
    assert.equal(c.demo, true);
    assert.equal(c.upstream, null);
    assert.equal(c.port, 8787);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.mode, 'auto');
    assert.equal(c.dataDir, join('/state', 'streamfix'));
  });

  it('uses OpenRouter when OPENROUTER_API_KEY is set', () => {
    const c = parseDaemonArgs([], { OPENROUTER_API_KEY: 'sk-or-v1-abc' });
    assert.equal(c.demo, false);
    assert.equal(c.upstream, OPENROUTER_BASE_URL);
    assert.equal(c.apiKey, 'sk-or-v1-abc');
  });

  it('uses an explicit upstream without a key, and --demo overrides a key', () => {
    assert.equal(parseDaemonArgs(['--upstream', 'http://127.0.0.1:11434/v1/'], {}).upstream, 'http://127.0.0.1:11434/v1');
    assert.equal(parseDaemonArgs(['--demo'], { OPENROUTER_API_KEY: 'k' }).demo, true);
  });

  it('reads flags in both --name value and --name=value forms, flags winning over env', () => {
    const c = parseDaemonArgs(['--port=0', '--mode', 'repair', '--allowed-origin', 'https://a.example', '--allowed-origin=http://localhost:3000', '--token', 'secret-token-1'], {
      STREAMFIX_PORT: '9000',
      STREAMFIX_MODE: 'strip',
    });
    assert.equal(c.port, 0);
    assert.equal(c.mode, 'repair');
    assert.deepEqual(c.allowedOrigins, ['https://a.example', 'http://localhost:3000']);
    assert.equal(c.token, 'secret-token-1');
  });

  it('reads the environment: port, mode, origins, data dir, token', () => {
    const c = parseDaemonArgs([], { STREAMFIX_PORT: '9000', STREAMFIX_MODE: 'passthrough', STREAMFIX_ALLOWED_ORIGINS: 'https://a.example,https://b.example', STREAMFIX_DATA_DIR: '/d', STREAMFIX_TOKEN: 'tok-12345' });
    assert.deepEqual([c.port, c.mode, c.allowedOrigins, c.dataDir, c.token], [9000, 'passthrough', ['https://a.example', 'https://b.example'], '/d', 'tok-12345']);
  });

  it('reads --port-fallback (off unless given)', () => {
    assert.equal(parseDaemonArgs([], {}).portFallback, false);
    assert.equal(parseDaemonArgs(['--port', '8787', '--port-fallback'], {}).portFallback, true);
  });

  it('reads --store-sync-writes and STREAMFIX_STORE_SYNC_WRITES (off unless given), and refuses another value', () => {
    assert.equal(parseDaemonArgs([], {}).storeSyncWrites, false);
    assert.equal(parseDaemonArgs(['--store-sync-writes'], {}).storeSyncWrites, true);
    assert.equal(parseDaemonArgs([], { STREAMFIX_STORE_SYNC_WRITES: '1' }).storeSyncWrites, true);
    assert.equal(parseDaemonArgs([], { STREAMFIX_STORE_SYNC_WRITES: '0' }).storeSyncWrites, false);
    assert.throws(() => parseDaemonArgs([], { STREAMFIX_STORE_SYNC_WRITES: 'yes' }), /STREAMFIX_STORE_SYNC_WRITES must be 1 or 0, got "yes"/);
  });

  it('reads --store-writer-thread and STREAMFIX_STORE_WRITER_THREAD (off unless given), and refuses another value', () => {
    assert.equal(parseDaemonArgs([], {}).storeWriterThread, false);
    assert.equal(parseDaemonArgs(['--store-writer-thread'], {}).storeWriterThread, true);
    assert.equal(parseDaemonArgs([], { STREAMFIX_STORE_WRITER_THREAD: '1' }).storeWriterThread, true);
    assert.equal(parseDaemonArgs([], { STREAMFIX_STORE_WRITER_THREAD: '0' }).storeWriterThread, false);
    // the segment size, for tests that fill one; a bad value is a clear error
    assert.equal(parseDaemonArgs([], {}).storeSegmentBytes, null);
    assert.equal(parseDaemonArgs([], { STREAMFIX_STORE_SEGMENT_BYTES: '1048576' }).storeSegmentBytes, 1_048_576);
    for (const bad of ['1mb', '65535', '1073741825', '-1', '1e6']) {
      assert.throws(() => parseDaemonArgs([], { STREAMFIX_STORE_SEGMENT_BYTES: bad }), { message: `STREAMFIX_STORE_SEGMENT_BYTES must be a whole number of bytes from 65536 to 1073741824, got "${bad}"` });
    }
    assert.throws(() => parseDaemonArgs([], { STREAMFIX_STORE_WRITER_THREAD: 'yes' }), /STREAMFIX_STORE_WRITER_THREAD must be 1 or 0, got "yes"/);
  });

  it('accepts the flags vscode-languageclient passes', () => {
    assert.equal(parseDaemonArgs(['--node-ipc', '--clientProcessId=123'], {}).lsp, 'node-ipc');
    assert.equal(parseDaemonArgs(['--stdio', '--clientProcessId', '77'], {}).lsp, 'stdio');
  });

  it('reads the schema policy and the circuit breaker thresholds, with their defaults', () => {
    const d = parseDaemonArgs([], {});
    assert.equal(d.schemaPolicy, 'report');
    assert.deepEqual(d.breaker, { failures: 5, windowMs: 60000, cooldownMs: 30000, failedRate: null });
    const c = parseDaemonArgs(['--schema', 'coerce', '--breaker-failures', '3', '--breaker-window-ms=5000', '--breaker-cooldown-ms', '1000', '--breaker-failed-rate', '0.25'], {});
    assert.equal(c.schemaPolicy, 'coerce');
    assert.deepEqual(c.breaker, { failures: 3, windowMs: 5000, cooldownMs: 1000, failedRate: 0.25 });
    assert.equal(parseDaemonArgs([], { STREAMFIX_SCHEMA: 'coerce' }).schemaPolicy, 'coerce');
  });

  it('reads the breaker thresholds from the environment too, flags winning', () => {
    const c = parseDaemonArgs(['--breaker-failures', '4'], { STREAMFIX_BREAKER_FAILURES: '2', STREAMFIX_BREAKER_WINDOW_MS: '5000', STREAMFIX_BREAKER_COOLDOWN_MS: '1500' });
    assert.deepEqual(c.breaker, { failures: 4, windowMs: 5000, cooldownMs: 1500, failedRate: null });
    assert.throws(() => parseDaemonArgs([], { STREAMFIX_BREAKER_COOLDOWN_MS: 'soon' }), (e: unknown) => e instanceof ConfigError && e.message === 'STREAMFIX_BREAKER_COOLDOWN_MS must be a whole number of milliseconds, got "soon"');
  });

  it('reads the truncated-tools policy from --truncated-tools, else STREAMFIX_TRUNCATED_TOOLS, default close', () => {
    assert.equal(parseDaemonArgs([], {}).truncatedTools, 'close');
    assert.equal(parseDaemonArgs(['--truncated-tools', 'reject'], {}).truncatedTools, 'reject');
    assert.equal(parseDaemonArgs([], { STREAMFIX_TRUNCATED_TOOLS: 'reject' }).truncatedTools, 'reject');
    assert.equal(parseDaemonArgs(['--truncated-tools=close'], { STREAMFIX_TRUNCATED_TOOLS: 'reject' }).truncatedTools, 'close');
  });

  const bad: [string[], RegExp][] = [
    [['--schema', 'fix'], /schema policy must be one of report, coerce, got "fix"/],
    [['--truncated-tools', 'drop'], /truncated-tools policy must be one of close, reject, got "drop"/],
    [['--breaker-failures', '-1'], /--breaker-failures must be a whole number/],
    [['--breaker-failed-rate', '1.5'], /--breaker-failed-rate must be a number from 0 to 1, got "1.5"/],
    [['--port', 'abc'], /--port must be a port number 0-65535, got "abc"/],
    [['--port', '70000'], /--port must be a port number/],
    [['--host', '0.0.0.0'], /--host must be a loopback address/],
    [['--mode', 'fix'], /mode must be one of repair, strip, passthrough, auto, got "fix"/],
    [['--upstream', 'ftp://x'], /--upstream must be an http\(s\) URL, got "ftp:\/\/x"/],
    [['--upstream', 'https://user:pw@x.example'], /must not carry credentials/],
    [['--allowed-origin', 'not a url'], /allowed origin must look like/],
    [['--bogus'], /unknown option "--bogus"/],
    [['--port'], /--port needs a value/],
    [['--token', 'short'], /token must be at least 8 printable ASCII characters/],
    [['--log-level', 'loud'], /log level must be one of/],
  ];
  it('refuses an upstream URL with a query or a fragment, naming neither (a key in it would show in /health and the logs)', () => {
    // the gateway appends /chat/completions and /models to the URL's path: after a query they went into the query
    // (every request failed), and a credential there (`?api-key=…`, `?key=…`) was printed in the start-up lines,
    // served by /health and written in each circuit breaker log line
    for (const value of ['https://x.example/v1?api-key=sk-secret-123456', 'https://x.example/v1?', 'https://x.example/v1#key=sk-secret-123456', 'https://x.example/v1/?key=sk-secret-123456']) {
      assert.throws(
        () => parseDaemonArgs(['--upstream', value], {}),
        (e: unknown) => e instanceof ConfigError && e.message === '--upstream must be a base URL without a query or a fragment (the gateway adds /chat/completions and /models to its path); a key goes in OPENROUTER_API_KEY',
      );
    }
    assert.throws(
      () => parseDaemonArgs([], { STREAMFIX_UPSTREAM: 'http://127.0.0.1:9/v1?key=sk-secret-123456' }),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith('STREAMFIX_UPSTREAM must be a base URL without a query') && !e.message.includes('sk-secret'),
    );
  });

  for (const [argv, msg] of bad) {
    it(`refuses ${argv.join(' ')} with a clear message`, () => {
      assert.throws(() => parseDaemonArgs(argv, {}), (e: unknown) => e instanceof ConfigError && msg.test(e.message));
    });
  }
});
