/// <reference lib="dom" />
/**
 * The StreamFix Chat webview. It only draws what the extension sends (a snapshot of the conversation,
 * then deltas while an answer streams) and posts the user's actions back; the conversation itself lives
 * in the extension. Markdown is rendered by markdown-it with raw HTML disabled (its escaping plus the
 * page's CSP mean nothing in an answer can run or load).
 */
import MarkdownIt from 'markdown-it';
import type { ChatFromWebview, ChatMode, ChatSnapshot, ChatToolCall, ChatToWebview, ChatTurn, FixAction } from '../messages';
import './chat.css';

declare function acquireVsCodeApi(): { postMessage(m: ChatFromWebview): void };
const vscode = acquireVsCodeApi();
const md = new MarkdownIt({ html: false, linkify: false, breaks: false });

const FIX_LABELS: Record<FixAction, string> = { setKey: 'Set Key', restartDaemon: 'Restart Daemon', retry: 'Retry' };

let snap: ChatSnapshot | undefined;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

function post(m: ChatFromWebview): void {
  vscode.postMessage(m);
}

/** The top bar: model, mode, attach selection, new conversation. Built once; values refreshed per snapshot. */
function buildChrome(app: HTMLElement): void {
  const model = h('select', { id: 'model', 'aria-label': 'Model' });
  model.addEventListener('change', () => post({ type: 'setModel', model: model.value }));
  const mode = h('select', { id: 'mode', 'aria-label': 'Answer mode' }, h('option', { value: 'answer' }, 'Answer'), h('option', { value: 'json' }, 'JSON'), h('option', { value: 'schema' }, 'JSON Schema'));
  mode.addEventListener('change', () => {
    const picked: ChatMode = mode.value === 'json' || mode.value === 'schema' ? mode.value : 'answer';
    post({ type: 'setMode', mode: picked });
    schemaBar.hidden = picked !== 'schema';
  });
  // JSON Schema mode: the schema file of the conversation, its picker, and coerce
  const pick = h('button', { id: 'pick-schema', title: 'Pick the JSON Schema file the answers must follow' }, 'Schema…');
  pick.addEventListener('click', () => post({ type: 'pickSchema' }));
  const coerce = h('input', { id: 'coerce', type: 'checkbox' });
  coerce.addEventListener('change', () => post({ type: 'setCoerce', coerce: coerce.checked }));
  const schemaBar = h(
    'div',
    { class: 'schema-bar', id: 'schema-bar' },
    pick,
    h('span', { id: 'schema-name', class: 'schema-name' }),
    h('label', { class: 'coerce', title: 'x-streamfix-schema: coerce: "42" becomes 42 where the schema asks for an integer, and so on' }, coerce, 'Coerce'),
  );
  schemaBar.hidden = true;
  const attach = h('input', { id: 'attach', type: 'checkbox' });
  attach.addEventListener('change', () => post({ type: 'setAttach', attach: attach.checked }));
  const fresh = h('button', { id: 'new', title: 'New conversation' }, 'New');
  fresh.addEventListener('click', () => post({ type: 'newConversation' }));
  const bar = h('div', { class: 'bar' }, model, mode, h('label', { class: 'attach' }, attach, 'Selection'), fresh);

  const turns = h('div', { id: 'turns', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const prompt = h('textarea', { id: 'prompt', rows: '3', placeholder: 'Ask (Enter sends, Shift+Enter for a new line)', 'aria-label': 'Prompt' });
  prompt.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  });
  const sendBtn = h('button', { id: 'send' }, 'Send');
  sendBtn.addEventListener('click', send);
  const stop = h('button', { id: 'stop' }, 'Stop');
  stop.addEventListener('click', () => post({ type: 'stop' }));
  const retry = h('button', { id: 'retry' }, 'Retry');
  retry.addEventListener('click', () => post({ type: 'retry' }));
  app.append(bar, schemaBar, turns, h('div', { class: 'composer' }, prompt, h('div', { class: 'buttons' }, sendBtn, stop, retry)));
  // code-block buttons, badges and fix actions: one delegated handler
  turns.addEventListener('click', onTurnsClick);

  function send(): void {
    const text = prompt.value;
    if (text.trim() === '' || streaming()) return;
    post({ type: 'send', prompt: text });
    prompt.value = '';
  }
}

function streaming(): boolean {
  return snap?.turns.some((t) => t.state === 'streaming') ?? false;
}

function onTurnsClick(e: Event): void {
  const target = (e.target as HTMLElement).closest('button');
  if (!target) return;
  const d = target.dataset;
  if (d.copy !== undefined || d.insert !== undefined) {
    const code = target.closest('.code')?.querySelector('code')?.textContent ?? '';
    post(d.copy !== undefined ? { type: 'copy', text: code } : { type: 'insert', text: code });
  } else if (d.artifact) {
    post({ type: 'openArtifact', id: d.artifact });
  } else if (d.fix) {
    post({ type: 'fix', action: d.fix as FixAction });
  }
}

function render(): void {
  if (!snap) return;
  const model = document.getElementById('model') as HTMLSelectElement;
  model.replaceChildren(
    ...snap.models.map((id) => {
      const why = snap!.unavailable[id];
      return h('option', { value: id }, why ? `${id} (${why})` : id);
    }),
  );
  model.value = snap.model;
  (document.getElementById('mode') as HTMLSelectElement).value = snap.mode;
  (document.getElementById('schema-bar') as HTMLElement).hidden = snap.mode !== 'schema';
  const schemaName = document.getElementById('schema-name')!;
  // the file's name on one line; its workspace path in the tooltip
  schemaName.textContent = snap.schema ? snap.schema.label.split('/').at(-1)! : 'no schema picked';
  schemaName.title = snap.schema ? snap.schema.label : 'Pick the JSON Schema file with Schema…';
  schemaName.classList.toggle('none', !snap.schema);
  (document.getElementById('coerce') as HTMLInputElement).checked = snap.coerce ?? false;
  (document.getElementById('attach') as HTMLInputElement).checked = snap.attachSelection;
  const busy = streaming();
  (document.getElementById('send') as HTMLButtonElement).disabled = busy;
  (document.getElementById('stop') as HTMLButtonElement).disabled = !busy;
  (document.getElementById('retry') as HTMLButtonElement).disabled = busy || snap.turns.length === 0;
  const turns = document.getElementById('turns')!;
  turns.replaceChildren(...snap.turns.map(renderTurn));
  if (snap.turns.length === 0) turns.append(h('p', { class: 'empty' }, 'Ask anything. Answers stream through the StreamFix gateway; JSON mode repairs the answer.'));
  turns.scrollTop = turns.scrollHeight;
}

function renderTurn(t: ChatTurn): HTMLElement {
  const el = h('div', { class: `turn ${t.state}`, 'data-turn': String(t.id) });
  const meta = `${t.model} · ${t.mode === 'json' ? 'JSON' : t.mode === 'schema' ? `JSON Schema${t.schema ? ` ${t.schema}` : ''}` : 'answer'}`;
  el.append(h('div', { class: 'prompt' }, h('span', { class: 'who' }, 'You'), t.prompt));
  if (t.context) el.append(h('div', { class: 'context' }, `with the selection from ${t.context.file} (${t.context.text.length} characters)`));
  const thinking = h('details', { class: 'thinking' }, h('summary', {}, 'Thinking'), h('pre', { class: 'reasoning' }, t.reasoning));
  if (!t.reasoning) thinking.hidden = true;
  const answer = h('div', { class: 'answer', 'aria-label': `Answer from ${meta}` });
  fillAnswer(answer, t);
  el.append(h('div', { class: 'meta' }, meta), thinking, answer);
  if (t.refusal) el.append(refusalBox(t.refusal));
  if (t.toolCalls && t.toolCalls.length > 0) el.append(toolCallsBox(t.toolCalls));
  const foot = h('div', { class: 'foot' });
  if (t.state === 'streaming') foot.append(h('span', { class: 'state' }, 'streaming…'));
  if (t.state === 'stopped') foot.append(h('span', { class: 'state' }, 'stopped'));
  if (t.state === 'done' && t.finishReason !== undefined) foot.append(h('span', { class: 'state cut' }, cutText(t.finishReason)));
  if (t.schemaResult) foot.append(h('span', { class: `state schema-result${t.schemaResult === 'schema: valid' ? '' : ' invalid'}` }, t.schemaResult));
  if (t.memoryOnly) foot.append(h('span', { class: 'state memory-only', title: 'Its response said x-streamfix-artifact: memory-only: the daemon could not write it to disk' }, 'artifact in memory only: lost when the daemon restarts'));
  if (t.badge && t.requestId) foot.append(h('button', { class: 'badge', 'data-artifact': t.requestId, title: 'Open this request in the artifact inspector' }, t.badge));
  else if (t.requestId && t.state !== 'streaming') foot.append(h('button', { class: 'link', 'data-artifact': t.requestId }, 'artifact'));
  if (foot.childElementCount > 0) el.append(foot);
  if (t.error) {
    const err = h('div', { class: 'error', role: 'alert' }, h('span', { class: 'message' }, t.error.message));
    for (const a of t.error.actions) err.append(h('button', { 'data-fix': a }, FIX_LABELS[a]));
    el.append(err);
  }
  return el;
}

/** A refusal (OpenAI's `refusal` field: the model declining, in place of an answer), said as such. */
const refusalText = (refusal: string): string => `The model refused: ${refusal}`;
const refusalBox = (refusal: string): HTMLElement => h('div', { class: 'refusal', role: 'note' }, refusalText(refusal));

/** What the foot says of an answer that did not simply end (its finish reason is not `stop`); null: the
 * upstream's stream ended with no finish reason (the gateway ended it with "length" for the client). */
function cutText(finishReason: string | null): string {
  if (finishReason === null) return 'cut off: the upstream ended the stream before the answer finished (no finish reason)';
  return finishReason === 'length' ? 'cut off: the model reached its token limit' : `cut off: the upstream ended the answer (finish reason ${finishReason})`;
}

/** The model's tool calls (the chat sends no tools, but a model may call one anyway): each with its name and
 * arguments as the gateway sent them on, a cut one said so. Text only (textContent). */
function toolCallsBox(calls: ChatToolCall[]): HTMLElement {
  const box = h('div', { class: 'tool-calls' });
  for (const c of calls) {
    const head = `Tool call ${c.name ?? '(no name)'}${c.id ? ` (${c.id})` : ''}${c.cut ? ': cut off inside its arguments, closed by StreamFix' : ''}`;
    box.append(h('div', { class: `tool-call${c.cut ? ' cut' : ''}`, 'data-tool': String(c.index) }, h('div', { class: 'tool-head' }, head), h('pre', { class: 'tool-args' }, c.arguments)));
  }
  return box;
}

/** A fence longer than every run of backticks in `text`, so no line of it closes the block early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** JSON answers show as one JSON code block (an answer shown as sent, with a fence of its own in it, too);
 * others as markdown, each code block with its buttons. */
function fillAnswer(answer: HTMLElement, t: ChatTurn): void {
  const json = t.mode !== 'answer';
  const fence = json ? fenceFor(t.answer) : '';
  const source = json ? `${fence}json\n${t.answer}\n${fence}` : t.answer;
  answer.innerHTML = md.render(source);
  for (const pre of Array.from(answer.querySelectorAll('pre'))) {
    const wrap = h('div', { class: 'code' });
    pre.replaceWith(wrap);
    const tools = h('div', { class: 'code-tools' }, h('button', { 'data-copy': '', title: 'Copy' }, 'Copy'), h('button', { 'data-insert': '', title: 'Insert at the cursor' }, 'Insert'));
    wrap.append(tools, pre);
  }
}

function applyDelta(turnId: number, content?: string, reasoning?: string, refusal?: string): void {
  const t = snap?.turns.find((x) => x.id === turnId);
  const el = document.querySelector(`.turn[data-turn="${turnId}"]`);
  if (!t || !el) return;
  if (content) {
    t.answer += content;
    fillAnswer(el.querySelector('.answer') as HTMLElement, t);
  }
  if (reasoning) {
    t.reasoning += reasoning;
    const details = el.querySelector('.thinking') as HTMLDetailsElement;
    details.hidden = false;
    details.querySelector('.reasoning')!.textContent = t.reasoning;
  }
  if (refusal) {
    t.refusal = (t.refusal ?? '') + refusal;
    const box = el.querySelector('.refusal');
    if (box) box.textContent = refusalText(t.refusal);
    else el.querySelector('.answer')!.after(refusalBox(t.refusal));
  }
  const turns = document.getElementById('turns')!;
  turns.scrollTop = turns.scrollHeight;
}

window.addEventListener('message', (e: MessageEvent<ChatToWebview>) => {
  const m = e.data;
  if (m.type === 'snapshot') {
    snap = m.snapshot;
    render();
  } else if (m.type === 'delta') {
    applyDelta(m.turnId, m.content, m.reasoning, m.refusal);
  }
});

buildChrome(document.getElementById('app')!);
post({ type: 'ready' });
