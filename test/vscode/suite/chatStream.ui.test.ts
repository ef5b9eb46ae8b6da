/**
 * StreamFix Chat while an answer streams, read through the UI at points the suite's own upstream holds:
 * inside a think block, and inside the JSON after it. At each point the page shows what the chat received
 * so far: the block's text in Thinking as it streams, never as the answer, and at the end the answer is the
 * artifact's repaired content, the thinking the block's text, the foot says the model was cut off and the
 * badge counts the artifact's repairs.
 */
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { repairsBadge } from '../../../client/chatErrors';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { getApi, useUpstream } from './helpers';
import { texts, ui } from './ui';

const MODEL = 'held/think-json';
/** The answer's pieces; the upstream waits for the test between them. */
const PIECES = ['<think>plan: the re', 'cord</think>{"name": "Ada", "la', 'ngs": ["en", "fr",]'];

function event(delta: unknown, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: MODEL, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

interface Held {
  server: http.Server;
  url: string;
  /** Resolves once piece `i` was written. */
  sent: Promise<void>[];
  /** Lets the upstream write piece `i` (0 is written at once). */
  release: (() => void)[];
}

function startUpstream(): Promise<Held> {
  const sentResolvers: (() => void)[] = [];
  const sent = PIECES.map(() => new Promise<void>((r) => sentResolvers.push(r)));
  const release: (() => void)[] = [];
  const gates = PIECES.map((_, i) => (i === 0 ? Promise.resolve() : new Promise<void>((r) => (release[i] = r))));
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', async () => {
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ object: 'list', data: [{ id: MODEL, object: 'model' }] }));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const [i, piece] of PIECES.entries()) {
        await gates[i];
        res.write(event(i === 0 ? { role: 'assistant', content: piece } : { content: piece }));
        sentResolvers[i]!();
      }
      res.end(event({}, 'length') + 'data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, sent, release })));
}

/** The last turn as the page shows it and as the chat view holds it. */
async function lastTurn(): Promise<{ answer: string[]; thinking: string[]; foot: string[]; held: { answer: string; reasoning: string; state: string } }> {
  const t = (await getApi()).testing.chatView.snapshot.turns.at(-1)!;
  return {
    answer: await texts('chat', '.turn:last-child .answer code'),
    thinking: await texts('chat', '.turn:last-child .thinking:not([hidden]) .reasoning'),
    foot: await texts('chat', '.turn:last-child .foot > *'),
    held: { answer: t.answer, reasoning: t.reasoning, state: t.state },
  };
}

describe('StreamFix Chat while an answer streams (through the UI)', () => {
  let up: Held;
  before(async () => {
    up = await startUpstream();
    await useUpstream(up.url);
  });
  after(async () => {
    up.release.forEach((r) => r?.());
    await useUpstream(undefined);
    await new Promise((r) => up.server.close(r));
  });

  it('inside a think block nothing of it is the answer; inside the JSON the page shows what came; at the end the artifact', async function () {
    this.timeout(120_000);
    const api = await getApi();
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ui({ op: 'waitFor', frame: 'chat', selector: `#model option[value="${MODEL}"]`, state: 'attached' });
    await ui({ op: 'select', frame: 'chat', selector: '#model', value: MODEL });
    await ui({ op: 'select', frame: 'chat', selector: '#mode', value: 'json' });
    await ui({ op: 'fill', frame: 'chat', selector: '#prompt', value: 'A person, slowly' });
    await ui({ op: 'press', frame: 'chat', selector: '#prompt', key: 'Enter' });
    await up.sent[0];
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.streaming', hasText: 'A person, slowly' });
    // an open think block: its text streams into Thinking as it comes, none of it is the answer
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child .thinking .reasoning', hasText: 'plan: the re', state: 'attached' });
    let now = await lastTurn();
    assert.deepEqual(now, { answer: ['\n'], thinking: ['plan: the re'], foot: ['streaming…'], held: { answer: '', reasoning: 'plan: the re', state: 'streaming' } });

    // inside the JSON: the page shows what the chat received, a start of the answer, no badge yet
    up.release[1]!();
    await up.sent[1];
    for (let i = 0; i < 100 && api.testing.chatView.snapshot.turns.at(-1)!.answer === ''; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    now = await lastTurn();
    assert.equal(now.held.state, 'streaming');
    assert.equal(now.held.answer.startsWith('{"name": "Ada"'), true, now.held.answer);
    assert.equal(now.held.answer.includes('think'), false, now.held.answer);
    assert.deepEqual(now.answer, [`${now.held.answer}\n`]);
    assert.deepEqual(now.foot, ['streaming…']);
    assert.deepEqual([now.thinking, now.held.reasoning], [['plan: the record'], 'plan: the record']);

    // the rest, cut at the token limit: the artifact's repaired content, its reasoning, the cut said
    up.release[2]!();
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'A person, slowly' });
    const id = api.testing.chatView.snapshot.turns.at(-1)!.requestId!;
    assert.equal(await api.testing.waitForFinished(id), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id });
    assert.deepEqual([a.status, a.finishReason, a.reasoning, a.repairedContent], ['TRUNCATED', 'length', 'plan: the record', '{"name": "Ada", "langs": ["en", "fr"]}']);
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child .badge' });
    now = await lastTurn();
    assert.deepEqual(now.answer, [`${a.repairedContent}\n`]);
    assert.deepEqual(now.held, { answer: a.repairedContent, reasoning: a.reasoning, state: 'done' });
    assert.deepEqual(now.thinking, ['plan: the record']);
    assert.deepEqual(now.foot, ['cut off: the model reached its token limit', repairsBadge(a)]);
  });
});
