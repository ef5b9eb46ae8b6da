/**
 * Message threads (the Anthropic SDK's `message-threads-2026-08-12` beta): a conversation the gateway holds
 * between turns, so a threaded client sends only each turn's new messages. The SDK's tool runner
 * (`client.beta.messages.toolRunner()`) and `client.beta.messages.thread()` use them on every request.
 *
 * - `thread: {type: "create"}`: the request is answered as it is; its system prompt, tools and messages,
 *   with the reply, are kept under the reply's message id.
 * - `thread: {type: "continue", previous_message_id}`: the kept conversation of that id, then the request's
 *   messages, is the conversation answered (with the kept system prompt and tools: a continue that sends
 *   them again is a 400, as Anthropic's); the reply is kept under its own id. An id continues once.
 * - Only a whole reply is kept (the stream reached message_stop with no error); a turn that fails leaves its
 *   previous id open, so the client's retry continues from it.
 * - Errors carry the `error.details.error_code` the SDK acts on: `thread_not_found` (404: unknown, or
 *   evicted, or kept by a daemon that restarted: the SDK sends the whole history again under a new thread),
 *   `thread_already_continued`, `thread_continue_in_flight` (the same replay); `thread_unsupported_request`
 *   for a continue with `tool_addition` / `tool_removal` blocks (the SDK's runner goes on without a thread,
 *   sending the whole history each turn).
 * - Memory is bounded: at most `maxThreads` conversations and `maxBytes` of their JSON, the least recently
 *   used evicted first (a continue of an evicted id is `thread_not_found`, so nothing is lost: the client
 *   has the history). Threads live in memory only.
 *
 * Example:
 *   const turn = threads.open(body);           // body without `thread`, the whole conversation; or a 4xx
 *   threads.begin(turn);                        // the previous id is taken (a second continue of it: 400)
 *   …answer…; threads.end(turn, reply);         // reply null: the turn failed, the previous id is open again
 */
import { GatewayError } from '../gateway/errors';
import { invalid, isObject, onlyKeys } from './requestContent';

type Json = Record<string, unknown>;

export const THREADS_BETA = 'message-threads-2026-08-12';
export const DEFAULT_MAX_THREADS = 1000;
export const DEFAULT_MAX_THREAD_BYTES = 64 * 1024 * 1024;
/** Ids continued already, remembered (bounded) so a second continue of one says so. */
const CONTINUED_KEPT = 4096;

interface Kept {
  system: unknown;
  tools: unknown;
  messages: Json[];
  bytes: number;
  busy: boolean;
}

/** One request's thread: what it continues (null: it creates one) and what its reply is kept with. */
export interface ThreadTurn {
  previous: string | null;
  system: unknown;
  tools: unknown;
  /** The whole conversation answered (the kept one, then the request's messages). */
  messages: Json[];
}

export type ThreadErrorCode = 'thread_not_found' | 'thread_already_continued' | 'thread_continue_in_flight' | 'thread_unsupported_request';

/** A 4xx in Anthropic's shape with `error.details` (the SDK reads `error_code`, and `unsupported`). */
export function threadError(status: number, code: ThreadErrorCode, message: string, details: Json = {}): GatewayError {
  return new GatewayError(status, 'invalid_request', message, { error_code: code, ...details });
}

const CHANGE_BLOCKS = new Set(['tool_addition', 'tool_removal']);

export class ThreadStore {
  private kept = new Map<string, Kept>();
  private continued = new Set<string>();
  private bytes = 0;

  constructor(
    readonly maxThreads = DEFAULT_MAX_THREADS,
    readonly maxBytes = DEFAULT_MAX_THREAD_BYTES,
  ) {}

  get size(): number {
    return this.kept.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  /**
   * The request's `thread` (removed from `body`, which becomes the whole conversation for a continue), or
   * null when it has none. Throws the 4xx of a bad `thread` or a continue that cannot go on.
   */
  open(body: Json): ThreadTurn | null {
    if (!('thread' in body)) return null;
    const t = body.thread;
    delete body.thread;
    if (t === null || t === undefined) return null;
    if (!isObject(t)) throw invalid('thread', 'must be an object {type: "create"} or {type: "continue", previous_message_id}');
    if (t.type === 'create') {
      onlyKeys(t, 'thread', []);
      return { previous: null, system: body.system, tools: body.tools, messages: Array.isArray(body.messages) ? (body.messages as Json[]) : [] };
    }
    if (t.type !== 'continue') throw invalid('thread.type', 'must be "create" or "continue"');
    onlyKeys(t, 'thread', ['previous_message_id']);
    const id = t.previous_message_id;
    if (typeof id !== 'string' || id === '') throw invalid('thread.previous_message_id', 'Field required (the id of the thread\'s last reply)');
    for (const f of ['system', 'tools'] as const) {
      if (body[f] !== undefined) throw invalid(f, `a continued thread keeps the ${f === 'system' ? 'system prompt' : 'tools'} it was created with; send ${f} only with thread.type "create"`);
    }
    // a continue sends the turn's new messages (none after a paused turn): absent is none, anything else no list
    if (body.messages !== undefined && !Array.isArray(body.messages)) throw invalid('messages', 'must be an array of {role, content} (on a continued thread: the new messages only)');
    const added = (body.messages as unknown[] | undefined) ?? [];
    const change = changeBlock(added);
    if (change !== null) throw threadError(400, 'thread_unsupported_request', `${change} blocks are not supported on a thread by StreamFix: send the whole conversation without a thread`, { unsupported: [change] });
    const k = this.kept.get(id);
    if (k === undefined) {
      if (this.continued.has(id)) throw threadError(400, 'thread_already_continued', `thread.previous_message_id ${JSON.stringify(id)} was continued already: continue from the reply to that turn`);
      throw threadError(404, 'thread_not_found', `No thread with the reply ${JSON.stringify(id)}: it is unknown, or the gateway no longer keeps it (evicted, or the daemon restarted); send the whole conversation again`);
    }
    if (k.busy) throw threadError(400, 'thread_continue_in_flight', `A turn continuing ${JSON.stringify(id)} is still being answered`);
    // least recently used last: a thread in use is the last to be evicted
    this.kept.delete(id);
    this.kept.set(id, k);
    const messages = [...k.messages, ...(added as Json[])];
    body.messages = messages;
    if (k.system !== undefined) body.system = k.system;
    if (k.tools !== undefined) body.tools = k.tools;
    return { previous: id, system: k.system, tools: k.tools, messages };
  }

  /** The request was accepted: its previous id is taken until the turn ends. */
  begin(turn: ThreadTurn): void {
    if (turn.previous === null) return;
    const k = this.kept.get(turn.previous);
    if (k) k.busy = true;
  }

  /**
   * The turn ended: with its whole reply (the assistant's content blocks), kept under `replyId`, and its
   * previous id continued; with null (failed, cut, refused), the previous id is open again.
   */
  end(turn: ThreadTurn, replyId: string, reply: Json[] | null): void {
    const prev = turn.previous === null ? undefined : this.kept.get(turn.previous);
    if (reply === null) {
      if (prev) prev.busy = false;
      return;
    }
    if (turn.previous !== null) {
      if (prev) this.drop(turn.previous);
      this.continued.add(turn.previous);
      if (this.continued.size > CONTINUED_KEPT) this.continued.delete(this.continued.values().next().value as string);
    }
    const messages = [...turn.messages, { role: 'assistant', content: reply }];
    const bytes = JSON.stringify(messages).length + (turn.system === undefined ? 0 : JSON.stringify(turn.system).length) + (turn.tools === undefined ? 0 : JSON.stringify(turn.tools).length);
    // one conversation over the whole bound is not kept: its next continue is thread_not_found (a replay)
    if (bytes > this.maxBytes) return;
    this.kept.set(replyId, { system: turn.system, tools: turn.tools, messages, bytes, busy: false });
    this.bytes += bytes;
    for (const [id, k] of this.kept) {
      if (this.kept.size <= this.maxThreads && this.bytes <= this.maxBytes) break;
      if (id !== replyId && !k.busy) this.drop(id);
    }
  }

  private drop(id: string): void {
    const k = this.kept.get(id);
    if (!k) return;
    this.kept.delete(id);
    this.bytes -= k.bytes;
  }
}

/** The type of the first tool_addition / tool_removal block in `messages`, else null. */
function changeBlock(messages: unknown[]): string | null {
  for (const m of messages) {
    if (!isObject(m) || !Array.isArray(m.content)) continue;
    for (const b of m.content as unknown[]) if (isObject(b) && typeof b.type === 'string' && CHANGE_BLOCKS.has(b.type)) return b.type;
  }
  return null;
}
