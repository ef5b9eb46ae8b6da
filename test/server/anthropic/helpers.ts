/** Running the Messages translation in-process: an upstream SSE text, read in given pieces, to events. */
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { MessageTranslator, type AnthropicEvent, type TranslatorOptions } from '../../../server/anthropic/translate';

export function translate(sseText: string, cuts: number[], opts: Partial<TranslatorOptions> = {}, fastPath = true, stats: { fastChunks: number } = { fastChunks: 0 }): AnthropicEvent[] {
  const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [], ...opts });
  const reader = new ChatStreamReader(t, fastPath);
  t.start();
  const events = t.take();
  const bytes = Buffer.from(sseText, 'utf8');
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    events.push(...reader.read(bytes.subarray(at, c)));
    at = c;
    if (t.done) break;
  }
  events.push(...reader.end());
  stats.fastChunks = reader.fastChunks;
  return events;
}

/**
 * The events with consecutive deltas of one kind in one block merged (their number depends on where the
 * upstream's reads were cut; their concatenation must not), as compact tuples.
 */
export function normalize(events: AnthropicEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const e of events) {
    if (e.type === 'content_block_delta') {
      const d = e.delta as Record<string, string>;
      const key = d.type === 'text_delta' ? 'text' : d.type === 'thinking_delta' ? 'thinking' : d.type === 'input_json_delta' ? 'partial_json' : 'signature';
      const last = out[out.length - 1] as unknown[] | undefined;
      if (key !== 'signature' && last && last[0] === d.type && last[1] === e.index) {
        last[2] = String(last[2]) + d[key];
        continue;
      }
      out.push([d.type, e.index, key === 'signature' ? 'sig' : d[key]]);
    } else if (e.type === 'content_block_start') out.push(['start', e.index, e.content_block]);
    else if (e.type === 'content_block_stop') out.push(['stop', e.index]);
    else if (e.type === 'message_start') out.push(['message_start', (e.message as { usage: unknown }).usage]);
    else if (e.type === 'message_delta') out.push(['message_delta', e.delta, e.usage]);
    else out.push([e.type]);
  }
  return out;
}

/** Checks the grammar every Anthropic stream follows; throws with the reason. */
export function checkGrammar(events: AnthropicEvent[]): void {
  if (events[0]?.type !== 'message_start') throw new Error('first event is not message_start');
  let open: number | null = null;
  let next = 0;
  let ended = false;
  for (const e of events.slice(1)) {
    if (ended) throw new Error(`event after the end: ${e.type}`);
    if (e.type === 'content_block_start') {
      if (open !== null) throw new Error(`block ${String(e.index)} started while ${open} is open`);
      if (e.index !== next) throw new Error(`block ${String(e.index)} started, expected ${next}`);
      open = next++;
    } else if (e.type === 'content_block_delta') {
      if (e.index !== open) throw new Error(`delta for ${String(e.index)} while ${String(open)} is open`);
    } else if (e.type === 'content_block_stop') {
      if (e.index !== open) throw new Error(`stop for ${String(e.index)} while ${String(open)} is open`);
      open = null;
    } else if (e.type === 'message_delta') {
      if (open !== null) throw new Error('message_delta with a block open');
    } else if (e.type === 'message_stop' || e.type === 'error') ended = true;
  }
  if (!ended) throw new Error('no message_stop or error at the end');
}
