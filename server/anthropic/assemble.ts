/**
 * The non-streaming answer: the events of a streamed one folded into the one `message` object, as
 * Anthropic's SDKs fold them (so both answers come from the same translation).
 */
import type { AnthropicEvent } from './translate';

type Json = Record<string, unknown>;

export interface AssembledMessage extends Json {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Json[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: Json;
}

/** Folds message_start … message_stop into the message. Tool input is the parsed concatenation of its pieces. */
export function assembleMessage(events: readonly AnthropicEvent[]): AssembledMessage {
  let message: AssembledMessage | null = null;
  const json = new Map<number, string>();
  for (const e of events) {
    if (e.type === 'message_start') message = { ...(e.message as AssembledMessage), content: [], usage: { ...((e.message as Json).usage as Json) } };
    if (!message) continue;
    if (e.type === 'content_block_start') {
      message.content[e.index as number] = { ...(e.content_block as Json) };
    } else if (e.type === 'content_block_delta') {
      const i = e.index as number;
      const block = message.content[i]!;
      const d = e.delta as Json;
      if (d.type === 'text_delta') block.text = String(block.text) + String(d.text);
      else if (d.type === 'thinking_delta') block.thinking = String(block.thinking) + String(d.thinking);
      else if (d.type === 'signature_delta') block.signature = d.signature;
      else if (d.type === 'input_json_delta') json.set(i, (json.get(i) ?? '') + String(d.partial_json));
    } else if (e.type === 'content_block_stop') {
      const i = e.index as number;
      if (message.content[i]!.type === 'tool_use') message.content[i]!.input = JSON.parse(json.get(i) || '{}') as unknown;
    } else if (e.type === 'message_delta') {
      const d = e.delta as Json;
      message.stop_reason = (d.stop_reason as string | null) ?? null;
      message.stop_sequence = (d.stop_sequence as string | null) ?? null;
      Object.assign(message.usage, e.usage as Json);
    }
  }
  if (!message) throw new Error('no message_start');
  return message;
}
