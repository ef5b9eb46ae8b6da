/**
 * A Messages answer's `model` is the model that served it, as Anthropic's API reports it (a request for an
 * alias answers with the dated model): the upstream's `model` in its first chunk (OpenRouter's routes:
 * `openrouter/auto` answers as the model it picked, `models: [...]` as the fallback that answered), else
 * the model the gateway asked the upstream for (a routing rule's target, or the client's name). So
 * message_start waits for the upstream's first chunk, at most until a ping is due. Before, it was always
 * the client's name: Claude Code showed and compared a model that had not answered.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { artifactOf } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { normalize, translate } from './helpers';

const SERVED = 'anthropic/claude-sonnet-4.5';
const served = (delta: Record<string, unknown>, finish: string | null = null) => chunk(delta, finish, { model: SERVED });
const BODY = sse(served({ role: 'assistant', content: 'Hel' }), served({ content: 'lo.' }), served({}, 'stop'), '[DONE]');
const unnamed = (delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });

describe('messages: model is the model that served the answer', () => {
  it('message_start names the first chunk\'s model and goes out with that chunk\'s events, at every byte split', () => {
    for (let k = 1; k < Buffer.byteLength(BODY); k++) {
      const events = translate(BODY, [k], { model: 'openrouter/auto', servedModel: true });
      assert.equal(events[0]!.type, 'message_start', `cut at ${k}`);
      assert.equal((events[0]!.message as { model: string }).model, SERVED, `cut at ${k}`);
      assert.deepEqual(normalize(events).slice(1, 4), [['start', 0, { type: 'text', text: '' }], ['text_delta', 0, 'Hello.'], ['stop', 0]], `cut at ${k}`);
    }
    // a chunk naming no model: the model asked for; an upstream that sends nothing at all: the same
    const none = translate(sse(unnamed({ content: 'Hi' }), unnamed({}, 'stop'), '[DONE]'), [], { model: 'x/asked', servedModel: true });
    assert.equal((none[0]!.message as { model: string }).model, 'x/asked');
    const empty = translate('', [], { model: 'x/asked', servedModel: true });
    assert.deepEqual(empty.map((e) => e.type), ['message_start', 'message_delta', 'message_stop']);
    assert.equal((empty[0]!.message as { model: string }).model, 'x/asked');
  });

  describe('through the Anthropic SDK', () => {
    const { up, d } = useTestGateway({ routing: { models: { 'claude-sonnet-4-6': 'x/routed' }, longContextThreshold: 60000 }, pingMs: 150 });
    const client = () => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
    const ask = (model: string) => ({ model, max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] });

    it('openrouter/auto: streamed (message_start, finalMessage) and not, the model that answered; the artifact records it', async () => {
      up.enqueue({ chunks: [BODY] });
      const stream = client().messages.stream(ask('openrouter/auto'));
      const starts: string[] = [];
      stream.on('streamEvent', (e) => e.type === 'message_start' && starts.push(e.message.model));
      const final = await stream.finalMessage();
      assert.deepEqual(starts, [SERVED]);
      assert.equal(final.model, SERVED);
      up.enqueue({ chunks: [BODY] });
      const { data, response } = await client().messages.create(ask('openrouter/auto')).withResponse();
      assert.equal(data.model, SERVED);
      assert.deepEqual(data.content, [{ type: 'text', text: 'Hello.' }]);
      const a = await artifactOf(d, response as unknown as Response);
      assert.deepEqual(a.route, { requested: 'openrouter/auto', rule: 'as-is', upstream: 'openrouter/auto', served: SERVED });
    });

    it('an upstream naming no model: the model the gateway asked for (a routing rule\'s target), no served in the artifact', async () => {
      up.enqueue({ chunks: [sse(unnamed({ content: 'Hi.' }), unnamed({}, 'stop'), '[DONE]')] });
      const { data, response } = await client().messages.create(ask('claude-sonnet-4-6')).withResponse();
      assert.equal(data.model, 'x/routed');
      const a = await artifactOf(d, response as unknown as Response);
      assert.deepEqual(a.route, { requested: 'claude-sonnet-4-6', rule: 'map', upstream: 'x/routed' });
    });

    it('a first chunk later than a ping: message_start goes out before the ping, naming the model asked for', async () => {
      up.enqueue({ chunks: [': OPENROUTER PROCESSING\n\n', BODY], gapsMs: [400] });
      const res = await fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ ...ask('openrouter/auto'), stream: true }) });
      const events = (await res.text()).split('\n\n').filter((e) => e !== '').map((e) => JSON.parse(e.split('\n')[1]!.slice(6)) as { type: string; message?: { model: string } });
      assert.equal(events[0]!.type, 'message_start');
      assert.equal(events[0]!.message!.model, 'openrouter/auto');
      assert.equal(events[1]!.type, 'ping');
      // the answer follows as usual, with no second message_start
      assert.deepEqual(events.filter((e) => e.type !== 'ping').map((e) => e.type), ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    });
  });
});
