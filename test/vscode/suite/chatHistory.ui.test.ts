/**
 * What StreamFix Chat shows against what the upstream sent, and what it sends upstream against what it
 * showed, through the UI: an upstream of the suite's own (a loopback server set as
 * streamfix.upstreamBaseUrl) streams reasoning in `reasoning_content` (DeepSeek's API, vLLM, llama.cpp's
 * server), a refusal in `delta.refusal` (OpenAI's models), and an answer the person stops; the next turn's
 * request, as the upstream received it, is checked against the conversation on the page. Runs before
 * chatView.ui (index.ts), which starts a new conversation of its own.
 */
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { getApi, useUpstream } from './helpers';
import { texts, ui } from './ui';

const MODELS = ['fake/reasoning-content', 'fake/refusal', 'fake/slow', 'fake/history'];
const THOUGHT = 'The user wants a greeting. 日本語 🙂 then answer.';
const REFUSAL = "I'm sorry, but I can't help with that.";
const PART = 'Part one of a long answer, ünïcödé. ';

function event(model: string, delta: unknown, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

interface Upstream {
  server: http.Server;
  url: string;
  /** The messages of each chat request, by model. */
  bodies: Map<string, unknown[]>;
}

function startUpstream(): Promise<Upstream> {
  const bodies = new Map<string, unknown[]>();
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data: MODELS.map((id) => ({ id, object: 'model' })) }));
      }
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { model: string; messages: unknown };
      const model = body.model;
      bodies.set(model, [...(bodies.get(model) ?? []), body.messages]);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (model === 'fake/reasoning-content') {
        res.write(event(model, { role: 'assistant', content: null, reasoning_content: THOUGHT.slice(0, 20) }));
        res.write(event(model, { reasoning_content: THOUGHT.slice(20) }));
        res.end(event(model, { content: 'Hello!' }) + event(model, {}, 'stop') + 'data: [DONE]\n\n');
      } else if (model === 'fake/refusal') {
        res.write(event(model, { role: 'assistant', content: null, refusal: REFUSAL.slice(0, 12) }));
        res.end(event(model, { refusal: REFUSAL.slice(12) }) + event(model, {}, 'stop') + 'data: [DONE]\n\n');
      } else if (model === 'fake/slow') {
        // the first part, then nothing until the client goes (Stop)
        res.write(event(model, { role: 'assistant', content: PART }));
        res.on('close', () => res.end());
      } else {
        res.end(event(model, { role: 'assistant', content: 'Part two.' }) + event(model, {}, 'stop') + 'data: [DONE]\n\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, bodies })));
}


async function send(model: string, prompt: string): Promise<void> {
  await ui({ op: 'waitFor', frame: 'chat', selector: `#model option[value="${model}"]`, state: 'attached' });
  await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
  await ui({ op: 'select', frame: 'chat', selector: '#mode', value: 'answer' });
  await ui({ op: 'fill', frame: 'chat', selector: '#prompt', value: prompt });
  await ui({ op: 'press', frame: 'chat', selector: '#prompt', key: 'Enter' });
}

async function artifactOf(): Promise<Artifact> {
  const api = await getApi();
  const id = api.testing.chatView.snapshot.turns.at(-1)!.requestId!;
  assert.equal(await api.testing.waitForFinished(id), true);
  return api.testing.request<Artifact>(GetArtifactMethod, { id });
}

describe('StreamFix Chat: what the upstream sent on the page, what the page showed sent upstream (through the UI)', () => {
  let up: Upstream;
  /** The model picked before: picked again afterwards, so the picker does not keep a fake/ model the
   * demo upstream does not list (the view keeps the picked model in its list). */
  let model: string;
  before(async () => {
    model = (await getApi()).testing.chatView.snapshot.model;
    up = await startUpstream();
    await useUpstream(up.url);
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ui({ op: 'waitFor', frame: 'chat', selector: `#model option[value="${MODELS[0]}"]`, state: 'attached' });
  });
  beforeEach(async () => {
    await ui({ op: 'click', frame: 'chat', selector: '#new' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn', state: 'detached' });
  });
  after(async () => {
    await ui({ op: 'click', frame: 'chat', selector: '#new' });
    await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
    const api = await getApi();
    for (let i = 0; i < 100 && api.testing.chatView.snapshot.model !== model; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(api.testing.chatView.snapshot.model, model);
    await useUpstream(undefined);
    await new Promise((r) => up.server.close(r));
  });

  it('reasoning the upstream streams in reasoning_content is in Thinking, as in the artifact', async () => {
    await send('fake/reasoning-content', 'Say hello');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'Say hello' });
    const a = await artifactOf();
    assert.equal(a.reasoning, THOUGHT);
    assert.deepEqual(await texts('chat', '.turn:last-child .thinking .reasoning'), [THOUGHT]);
    assert.deepEqual(await texts('chat', '.turn:last-child .answer'), ['Hello!\n']);
  });

  it('a refusal the upstream streams in delta.refusal is shown as the answer, and sent back with the next turn', async () => {
    await send('fake/refusal', 'Something forbidden');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'Something forbidden' });
    assert.deepEqual(await texts('chat', '.turn:last-child .refusal'), [`The model refused: ${REFUSAL}`]);
    assert.deepEqual(await texts('chat', '.turn:last-child .answer'), ['']);
    await send('fake/history', 'Why?');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'Why?' });
    assert.deepEqual(up.bodies.get('fake/history')!.at(-1), [
      { role: 'user', content: 'Something forbidden' },
      { role: 'assistant', content: '', refusal: REFUSAL },
      { role: 'user', content: 'Why?' },
    ]);
  });

  it('an answer stopped mid-stream is sent with the next turn as far as it was shown', async () => {
    await send('fake/slow', 'Begin');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.streaming .answer', hasText: 'Part one' });
    await ui({ op: 'click', frame: 'chat', selector: '#stop' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.stopped', hasText: 'Begin' });
    assert.equal((await artifactOf()).status, 'CLIENT_ABORTED');
    const shown = await texts('chat', '.turn:last-child .answer');
    assert.deepEqual(shown, [`${PART.trim()}\n`]);
    await send('fake/history', 'And then?');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'And then?' });
    assert.deepEqual(await texts('chat', '.turn .prompt'), ['YouBegin', 'YouAnd then?']);
    assert.deepEqual(up.bodies.get('fake/history')!.at(-1), [
      { role: 'user', content: 'Begin' },
      { role: 'assistant', content: PART },
      { role: 'user', content: 'And then?' },
    ]);
  });
});
