import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore } from '../../../server/gateway/artifacts';
import { doneEventAt } from '../../../server/gateway/chat';
import { EventHub } from '../../../server/gateway/events';
import { silentLogger } from '../../../server/gateway/log';
import { GatewayMetrics } from '../../../server/gateway/metrics';
import { startGateway, type Gateway } from '../../../server/gateway/server';
import { chunk, sse, TestUpstream } from '../helpers/testUpstream';
import { testFs, type TestFs } from './fixtures/logFs';

interface Exchange {
  /** Everything received so far. */
  text: string;
  ended: Promise<{ status: number; id: string; text: string }>;
}

function post(url: string, body: object, headers: Record<string, string> = {}, route = '/chat/completions'): Exchange {
  const ex: Exchange = { text: '', ended: null as never };
  ex.ended = new Promise((resolve, reject) => {
    const req = http.request(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (s: string) => (ex.text += s));
      res.on('end', () => resolve({ status: res.statusCode!, id: String(res.headers['x-streamfix-request-id']), text: ex.text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
  return ex;
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
};

describe('gateway durability: the end of a response waits for its artifact to be on disk', () => {
  let upstream: TestUpstream;
  let store: ArtifactStore;
  let fs: TestFs;
  let gateway: Gateway;
  let dir: string;

  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-durable-'));
    upstream = await TestUpstream.start();
    fs = testFs();
    store = await ArtifactStore.open({ dir, fs });
    gateway = await startGateway({ port: 0, upstream: upstream.url, demo: false, apiKey: null, token: null, allowedOrigins: [], mode: 'auto', store, events: new EventHub(), metrics: new GatewayMetrics({ defaultMetrics: false }), log: silentLogger });
  });
  afterEach(async () => {
    await gateway.close(100);
    await upstream.close();
    await store.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  /** Holds every fsync; returns the function that lets them go. */
  function holdSyncs(): () => void {
    let release!: () => void;
    fs.holdSync = new Promise<void>((r) => (release = r));
    return () => {
      fs.holdSync = null;
      release();
    };
  }

  const stream = (...pieces: string[]) => ({ chunks: pieces });
  const events = [chunk({ role: 'assistant', content: '{"a":' }), chunk({ content: '1}' }), chunk({}, 'stop')];

  for (const mode of ['repair', 'strip', 'passthrough']) {
    for (const [label, pieces] of [
      ['[DONE] in a read of its own', [sse(...events), sse('[DONE]')]],
      ['[DONE] in the same read as the last chunk', [sse(...events, '[DONE]')]],
    ] as const) {
      it(`${mode}: holds back [DONE] until the fsync of its artifact (${label})`, async () => {
        upstream.always(stream(...pieces));
        const release = holdSyncs();
        const ex = post(gateway.url, { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] }, { 'x-streamfix-mode': mode });
        await until(() => fs.calls.datasyncs === 1 && ex.text.includes('"finish_reason":"stop"'));
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(ex.text.includes('[DONE]'), false, 'no [DONE] before the artifact is durable');
        release();
        const { status, id, text } = await ex.ended;
        assert.equal(status, 200);
        assert.equal(text.endsWith('data: [DONE]\n\n'), true);
        if (mode === 'passthrough') assert.equal(text, pieces.join(''));
        // after a crash now, a fresh store on the directory has it
        const other = await ArtifactStore.open({ dir: path.join(dir) });
        assert.deepEqual(other.stats().readOnly?.count, 1);
        assert.equal((await other.get(id))?.rawContent, '{"a":1}');
        await other.close();
      });
    }
  }

  it('holds back the [DONE] after a mid-stream error chunk', async () => {
    upstream.always({ chunks: [sse(events[0])], destroyAfter: true });
    const release = holdSyncs();
    const ex = post(gateway.url, { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] }, { 'x-streamfix-mode': 'repair' });
    await until(() => fs.calls.datasyncs === 1 && ex.text.includes('"error"'));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(ex.text.includes('[DONE]'), false);
    release();
    const { text } = await ex.ended;
    assert.equal(text.endsWith('data: [DONE]\n\n'), true);
  });

  it('sends a non-streaming body only once its artifact is durable', async () => {
    upstream.always({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: '{"a":1}' }, finish_reason: 'stop' }] })] });
    const release = holdSyncs();
    const ex = post(gateway.url, { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] }, { 'x-streamfix-mode': 'repair' });
    await until(() => fs.calls.datasyncs === 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(ex.text, '');
    release();
    const { status, text } = await ex.ended;
    assert.equal(status, 200);
    assert.equal(JSON.parse(text).choices[0].message.content, '{"a":1}');
  });

  for (const [label, pieces, last] of [
    ['message_stop', [sse(...events, '[DONE]')], 'event: message_stop'],
    ['the error event after a failed upstream', [sse(events[0])], 'event: error'],
  ] as const) {
    it(`Messages API: holds back ${label} until the fsync of its artifact`, async () => {
      upstream.always({ chunks: [...pieces], destroyAfter: label !== 'message_stop' });
      const release = holdSyncs();
      // repair: in auto mode the unfinished value's first characters wait for its end (autoMode.ts)
      const ex = post(gateway.url, { model: 'test/model', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] }, { 'x-api-key': 'any', 'anthropic-version': '2023-06-01', 'x-streamfix-mode': 'repair' }, '/messages');
      await until(() => fs.calls.datasyncs === 1 && ex.text.includes('content_block_delta'));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(ex.text.includes(last), false, `no ${last} before the artifact is durable`);
      release();
      const { status, id, text } = await ex.ended;
      assert.equal(status, 200);
      assert.equal(text.includes(last), true);
      const other = await ArtifactStore.open({ dir: path.join(dir) });
      assert.equal((await other.get(id))?.rawContent, label === 'message_stop' ? '{"a":1}' : '{"a":');
      await other.close();
    });
  }

  it('finds a closing [DONE] event only at the very end of a write', () => {
    assert.equal(doneEventAt('data: {"a":1}\n\ndata: [DONE]\n\n'), 15);
    assert.equal(doneEventAt('data: [DONE]\n\n'), 0);
    assert.equal(doneEventAt('data:[DONE]\r\n\r\n'), 0);
    assert.equal(doneEventAt(Buffer.from('x\n\ndata: [DONE]\n\n')), 3);
    assert.equal(doneEventAt('data: {"c":"data: [DONE]"}\n\n'), -1);
    assert.equal(doneEventAt('data: {"a":[1]}\n\n'), -1);
    assert.equal(doneEventAt('xdata: [DONE]\n\n'), -1);
    assert.equal(doneEventAt(''), -1);
  });
});
