/**
 * What StreamFix Chat shows against what the upstream sent, and what it sends upstream against what it
 * showed, through the UI: an upstream of the suite's own (a loopback server set as
 * streamfix.upstreamBaseUrl) streams reasoning in `reasoning_content` (DeepSeek's API, vLLM, llama.cpp's
 * server), a refusal in `delta.refusal` (OpenAI's models), and an answer the person stops; the next turn's
 * request, as the upstream received it, is checked against the conversation on the page. Runs before
 * chatView.ui (index.ts), which starts a new conversation of its own.
 */
import { strict as assert } from 'node:assert';
import { chunk, useFakeUpstream } from './fakeUpstream';
import type { Answer, FakeUpstream } from './fakeUpstream';
import { getApi } from './helpers';
import { lastArtifact, newConversation, pickModelBack, texts, typePrompt, ui } from './ui';

const MODELS = ['fake/reasoning-content', 'fake/refusal', 'fake/slow', 'fake/history'];
const THOUGHT = 'The user wants a greeting. 日本語 🙂 then answer.';
const REFUSAL = "I'm sorry, but I can't help with that.";
const PART = 'Part one of a long answer, ünïcödé. ';

const answer: Answer = ({ model }, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (model === 'fake/reasoning-content') {
    res.write(chunk(model, { role: 'assistant', content: null, reasoning_content: THOUGHT.slice(0, 20) }));
    res.write(chunk(model, { reasoning_content: THOUGHT.slice(20) }));
    res.end(chunk(model, { content: 'Hello!' }) + chunk(model, {}, 'stop') + 'data: [DONE]\n\n');
  } else if (model === 'fake/refusal') {
    res.write(chunk(model, { role: 'assistant', content: null, refusal: REFUSAL.slice(0, 12) }));
    res.end(chunk(model, { refusal: REFUSAL.slice(12) }) + chunk(model, {}, 'stop') + 'data: [DONE]\n\n');
  } else if (model === 'fake/slow') {
    // the first part, then nothing until the client goes (Stop)
    res.write(chunk(model, { role: 'assistant', content: PART }));
    res.on('close', () => res.end());
  } else {
    res.end(chunk(model, { role: 'assistant', content: 'Part two.' }) + chunk(model, {}, 'stop') + 'data: [DONE]\n\n');
  }
};

/** Sends `prompt` in Answer mode; does not wait for the answer. */
const send = (model: string, prompt: string): Promise<void> => typePrompt(model, 'answer', prompt);

/** The messages of the last chat request that asked `model`, as the upstream received them. */
const lastMessages = (up: FakeUpstream, model: string): unknown => up.bodies.filter((b) => b.model === model).at(-1)?.messages;

describe('StreamFix Chat: what the upstream sent on the page, what the page showed sent upstream (through the UI)', () => {
  let up: FakeUpstream;
  /** The model picked before: picked again afterwards, so the picker does not keep a fake/ model the
   * demo upstream does not list (the view keeps the picked model in its list). */
  let model: string;
  before(async () => {
    model = (await getApi()).testing.chatView.snapshot.model;
    up = await useFakeUpstream(MODELS, answer);
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ui({ op: 'waitFor', frame: 'chat', selector: `#model option[value="${MODELS[0]}"]`, state: 'attached' });
  });
  beforeEach(newConversation);
  after(async () => {
    await newConversation();
    await pickModelBack(model);
    await up.close();
  });

  it('reasoning the upstream streams in reasoning_content is in Thinking, as in the artifact', async () => {
    await send('fake/reasoning-content', 'Say hello');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'Say hello' });
    const a = await lastArtifact();
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
    assert.deepEqual(lastMessages(up, 'fake/history'), [
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
    assert.equal((await lastArtifact()).status, 'CLIENT_ABORTED');
    const shown = await texts('chat', '.turn:last-child .answer');
    assert.deepEqual(shown, [`${PART.trim()}\n`]);
    await send('fake/history', 'And then?');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'And then?' });
    assert.deepEqual(await texts('chat', '.turn .prompt'), ['YouBegin', 'YouAnd then?']);
    assert.deepEqual(lastMessages(up, 'fake/history'), [
      { role: 'user', content: 'Begin' },
      { role: 'assistant', content: PART },
      { role: 'user', content: 'And then?' },
    ]);
  });
});
