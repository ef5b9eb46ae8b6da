/**
 * The fault campaign: a misbehaving upstream and misbehaving clients on loopback, against a daemon with
 * its default limits (shortened time-outs). Each fault asserts what the client received, what the artifact
 * holds, that memory stays bounded, and that the next request works. Exits 1 on the first failure.
 *
 *   node --import tsx test/campaigns/faults.ts [--rounds 1]
 */
import { strict as assert } from 'node:assert';
import { createServer, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startDaemon } from '../../server/daemon';
import type { Artifact } from '../../shared/protocol';

const KEY = 'sk-or-v1-FAULT-CAMPAIGN-KEY-123456';
const ROUNDS = (() => {
  const i = process.argv.indexOf('--rounds');
  return i > 0 ? Number(process.argv[i + 1]) : 1;
})();
const chunk = (content: string, finish: string | null = null) => JSON.stringify({ id: 'g', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: finish }] });
const ev = (d: string) => `data: ${d}\n\n`;
const GOOD = ev(chunk('{"a": ')) + ev(chunk('1}', 'stop')) + ev('[DONE]');

type Script = (res: ServerResponse, auth: string) => unknown;
let script: Script = (res) => res.end(GOOD);
let upstreamAborts = 0;

async function main(): Promise<void> {
  const up = createServer((req, res) => {
    req.resume();
    res.on('close', () => {
      if (!res.writableFinished) upstreamAborts++;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'text/event-stream');
      void script(res, String(req.headers.authorization ?? ''));
    });
  });
  await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
  const d = await startDaemon({
    port: 0,
    upstream: `http://127.0.0.1:${(up.address() as AddressInfo).port}/v1`,
    apiKey: KEY,
    dataDir: null,
    logLevel: 'silent',
    upstreamOptions: { bodyIdleTimeoutMs: 1000, headersTimeoutMs: 2000, maxRetries: 0 },
    limits: { headersTimeoutMs: 500, requestTimeoutMs: 1000 },
  });
  const post = (mode: string, signal?: AbortSignal) =>
    fetch(`${d.info.url}/chat/completions`, { method: 'POST', signal, headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] }) });
  const artifact = async (res: Response): Promise<Artifact> => (await (await fetch(`${d.info.url}/streamfix/result/${res.headers.get('x-streamfix-request-id')}`)).json()) as Artifact;
  const nextWorks = async () => {
    script = (res) => res.end(GOOD);
    const res = await post('repair');
    const text = await res.text();
    const content = text
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => (JSON.parse(e.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]!.delta.content ?? '')
      .join('');
    assert.equal(content, '{"a": 1}');
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    assert.equal((await artifact(res)).status, 'VALID');
  };
  const rss0 = process.memoryUsage().rss;
  let faults = 0;

  const FAULTS: [string, () => Promise<void>][] = [
    ['upstream resets mid-event (passthrough): the event is closed, then the error', async () => {
      script = (res) => {
        res.write(ev(chunk('{"a": ')) + 'data: {"id":"g","obj');
        setTimeout(() => res.socket?.destroy(), 20);
      };
      const res = await post('passthrough');
      const text = await res.text();
      assert.match(text, /^data: .*\n\ndata: \{"id":"g","obj\n\ndata: \{"error":\{"message":"Upstream stream failed: [^"]*","type":"upstream_error","code":"upstream_error"\}\}\n\ndata: \[DONE\]\n\n$/s);
      assert.equal((await artifact(res)).status, 'UPSTREAM_ERROR');
    }],
    ['upstream stalls mid-stream: the body time-out ends it with an error event', async () => {
      script = (res) => void res.write(ev(chunk('{"a": ')));
      const res = await post('strip');
      const text = await res.text();
      assert.match(text, /data: \{"error":\{"message":"Upstream stream failed: [^"]*","type":"upstream_error","code":"upstream_error"\}\}\n\ndata: \[DONE\]\n\n$/);
      assert.equal((await artifact(res)).status, 'UPSTREAM_ERROR');
    }],
    ['garbage events (not JSON, unknown fields, random bytes) are skipped and counted', async () => {
      script = (res) => res.end(ev(chunk('{"a": ')) + 'data: {not json\n\nfoo: bar\n\n' + 'data: \u0001\u00ff\u0000\n\n' + ev(chunk('1}', 'stop')) + ev('[DONE]'));
      const res = await post('strip');
      const text = await res.text();
      assert.equal(text, ev(chunk('{"a": ')) + ev(chunk('1}', 'stop')) + ev('[DONE]'));
      const a = await artifact(res);
      assert.equal(a.rawContent, '{"a": 1}');
      assert.equal(a.chunks.malformed, 3);
    }],
    ['a 9 MB event passes through whole in passthrough', async () => {
      const huge = ev(chunk('x'.repeat(9 * 1024 * 1024)));
      script = (res) => res.end(ev(chunk('{"a": ')) + huge + ev(chunk('1}', 'stop')) + ev('[DONE]'));
      const res = await post('passthrough');
      const text = await res.text();
      assert.equal(text.length, ev(chunk('{"a": ')).length + huge.length + ev(chunk('1}', 'stop')).length + ev('[DONE]').length);
      assert.equal((await artifact(res)).chunks.malformed, 1);
    }],
    ['invalid UTF-8 in the content becomes U+FFFD, the stream goes on', async () => {
      script = (res) => {
        res.write(Buffer.concat([Buffer.from('data: {"choices":[{"index":0,"delta":{"content":"{\\"a\\": \\"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\\"}"},"finish_reason":"stop"}]}\n\n')]));
        res.end(ev('[DONE]'));
      };
      const res = await post('repair');
      await res.text();
      const a = await artifact(res);
      assert.equal(a.rawContent, '{"a": "\ufffd\ufffd\ufffd"}');
      assert.equal(a.status, 'VALID');
    }],
    ['the upstream echoes the key everywhere: redacted for the client and in the artifact', async () => {
      script = (res, auth) => res.end(ev(chunk(`{"k": "${auth}"}`, 'stop')) + ev(JSON.stringify({ error: { message: `bad ${auth}` } })) + ev('[DONE]'));
      const res = await post('strip');
      const text = await res.text();
      assert.equal(text.includes(KEY), false);
      assert.equal(JSON.stringify(await artifact(res)).includes(KEY), false);
    }],
    ['an HTML error page before the stream reaches the client with its status, in the OpenAI error shape', async () => {
      script = (res) => {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/html');
        res.end('<html><body>Internal Server Error</body></html>');
      };
      const res = await post('repair');
      assert.equal(res.status, 500);
      assert.deepEqual(JSON.parse(await res.text()), { error: { message: 'Upstream returned 500: Internal Server Error', type: 'upstream_error', code: 'upstream_error' } });
      assert.equal((await artifact(res)).status, 'UPSTREAM_ERROR');
    }],
    ['an endless stream: the client leaves after 20 MB, the upstream is aborted, memory stays bounded', async () => {
      const aborts = upstreamAborts;
      script = (res) => {
        let n = 0;
        const pump = () => {
          while (!res.destroyed) if (!res.write(ev(chunk(`${n++} ${'lorem ipsum '.repeat(300)}`)))) return void res.once('drain', pump);
        };
        pump();
      };
      const abort = new AbortController();
      const res = await post('strip', abort.signal);
      let bytes = 0;
      try {
        for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += c.length;
          if (bytes > 20 * 1024 * 1024) abort.abort();
        }
      } catch (e) {
        assert.equal((e as Error).name, 'AbortError');
      }
      for (let i = 0; i < 100 && upstreamAborts === aborts; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(upstreamAborts, aborts + 1);
      const a = await artifact(res);
      assert.equal(a.status, 'CLIENT_ABORTED');
      assert.ok(a.rawContent.length <= 512 * 1024, `artifact raw ${a.rawContent.length}`);
    }],
    ['a slow reader: 20 MB read with pauses arrive whole; the gateway waits instead of buffering', async () => {
      const total = 20 * 1024 * 1024;
      script = (res) => {
        let sent = 0;
        let n = 0;
        const pump = () => {
          while (sent < total) {
            const e = ev(chunk(`${n++} ${'dolor sit '.repeat(400)}`));
            sent += e.length;
            if (!res.write(e)) return void res.once('drain', pump);
          }
          res.end(ev('[DONE]'));
        };
        pump();
      };
      const res = await post('passthrough');
      let bytes = 0;
      let reads = 0;
      for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += c.length;
        if (++reads % 50 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      assert.ok(bytes >= total);
      assert.equal((await artifact(res)).status, 'PASSTHROUGH');
    }],
    ['a slowloris client gets a 408 and its socket is closed', async () => {
      const answer = await new Promise<string>((resolve) => {
        const s = connect(d.info.port, '127.0.0.1', () => s.write('POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: '));
        let out = '';
        s.on('data', (x) => (out += x));
        s.on('close', () => resolve(out));
      });
      assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    }],
    ['a client that disconnects mid-stream: the upstream is aborted, the artifact says so', async () => {
      const aborts = upstreamAborts;
      script = (res) => void res.write(ev(chunk('{"a": ')));
      const abort = new AbortController();
      const res = await post('repair', abort.signal);
      const reader = res.body!.getReader();
      await reader.read();
      abort.abort();
      for (let i = 0; i < 100 && upstreamAborts === aborts; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(upstreamAborts, aborts + 1);
      assert.equal((await artifact(res)).status, 'CLIENT_ABORTED');
    }],
  ];

  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of FAULTS) {
      try {
        await run();
        await nextWorks();
      } catch (e) {
        console.error(`faults: FAIL: ${name}\n${(e as Error).stack}`);
        process.exit(1);
      }
      faults++;
      if (round === 0) console.log(`faults: ok  ${name}`);
    }
  }
  const rss1 = process.memoryUsage().rss;
  await d.close();
  up.close();
  console.log(`faults: ${faults} faults injected (${FAULTS.length} kinds x ${ROUNDS} rounds), 0 failures; campaign process RSS ${(rss0 / 1e6).toFixed(0)} MB before, ${(rss1 / 1e6).toFixed(0)} MB after`);
  if (rss1 - rss0 > 300e6) {
    console.error('faults: FAIL: memory grew by more than 300 MB');
    process.exit(1);
  }
  process.exit(0);
}

void main();
