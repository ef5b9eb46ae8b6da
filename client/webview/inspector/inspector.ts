/// <reference lib="dom" />
/**
 * The artifact inspector webview: draws the bounded view the extension sends. All text goes in through
 * textContent (never innerHTML), so nothing recorded from a model can run. Its state (the artifact id and
 * the scroll position) is kept with setState, so the panel comes back where it was after being hidden.
 */
import type { AppliedMode, Artifact, ArtifactStatus } from '../../../shared/protocol';
import type { TimelineChart } from '../../timelineChart';
import type { InspectorAction, InspectorChoice, InspectorFromWebview, InspectorMark, InspectorToolCall, InspectorToWebview, InspectorView } from '../messages';
import './inspector.css';

interface SavedState {
  id?: string;
  scrollY?: number;
}
declare function acquireVsCodeApi(): { postMessage(m: InspectorFromWebview): void; getState(): SavedState | undefined; setState(s: SavedState): void };
const vscode = acquireVsCodeApi();

const STATUS_ICONS: Record<ArtifactStatus, string> = {
  VALID: '✓',
  TEXT: '¶',
  EMPTY: '∅',
  REPAIRED: '✎',
  TRUNCATED: '⚠',
  FAILED: '✗',
  UPSTREAM_ERROR: '✗',
  CLIENT_ABORTED: '⊘',
  PASSTHROUGH: '→',
};

const ACTIONS: [InspectorAction, string][] = [
  ['copyRepaired', 'Copy repaired JSON'],
  ['diff', 'Raw vs repaired diff'],
  ['copyCurl', 'Copy as curl'],
  ['replay', 'Replay'],
];

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

const ms = (v: number | null): string => (v === null ? '–' : `${Math.round(v * 10) / 10} ms`);

function section(title: string, id: string, ...body: (Node | string)[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), ...body);
}

/** Each choice's finish reason (`n > 1`: "choice 0: stop · choice 1: length"), else the answer's. */
function finishReasons(v: InspectorView): string {
  const first = v.artifact.finishReason ?? '–';
  if (v.choices.length === 0) return first;
  return [`choice 0: ${first}`, ...v.choices.map((c) => `choice ${c.index}: ${c.finishReason ?? '–'}`)].join(' · ');
}

/**
 * Why Copy repaired JSON and the diff cannot be used for the choice shown (`mode`, its repaired content):
 * strip mode sent the content as text, never parsed (before, "Copy repaired JSON" copied it as JSON);
 * no repaired content at all (passthrough, a request that did not complete): nothing to copy or compare.
 */
function unusable(action: InspectorAction, mode: AppliedMode, repaired: string | null): string | null {
  if (action === 'copyRepaired' && mode === 'strip') return 'Strip mode: the content went out as text, not parsed as JSON';
  if ((action === 'copyRepaired' || action === 'diff') && repaired === null) {
    return mode === 'passthrough' ? 'Passthrough mode: nothing was checked or changed' : 'The artifact holds no repaired content';
  }
  return null;
}

/** The header; `repaired` and `mode`: the shown choice's repaired content (what Copy repaired JSON copies)
 * and its mode. */
function header(v: InspectorView, repaired: string | null, mode: AppliedMode): HTMLElement {
  const a = v.artifact;
  const usage = a.usage as { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
  const route = a.route;
  const rows: [string, string][] = [
    ['Request id', a.id],
    ['Model', route ? `${route.requested} → routed to ${route.upstream} (${route.rule})` : a.model],
    ['Mode', v.modeReason],
    ['Status', `${STATUS_ICONS[a.status] ?? '?'} ${a.status}${v.statusScope.text}`],
    ['Timings', `first byte ${ms(a.timings.ttfbMs)} · total ${ms(a.timings.totalMs)} · added by the gateway ${ms(a.timings.addedMs)}`],
    ['Tokens', usage ? `prompt ${usage.prompt_tokens ?? '–'} · completion ${usage.completion_tokens ?? '–'} · total ${usage.total_tokens ?? '–'}` : 'not reported'],
    ['Chunks', `upstream ${a.chunks.upstream} · client ${a.chunks.client} · malformed ${a.chunks.malformed}${a.stuttering ? ' · cumulative upstream (stutter)' : ''}`],
    ['Finish', `${finishReasons(v)} · ${a.createdAt}`],
  ];
  if (v.truncatedCalls !== null) rows.push(['Cut tool calls', `${v.truncatedCalls} (the upstream stopped inside their arguments)`]);
  if (v.schema !== null) rows.push(['Schema', v.schema]);
  if (a.memoryOnly) rows.push(['Stored', 'in memory only (its response said x-streamfix-artifact: memory-only): lost when the daemon restarts']);
  const dl = h('dl', { class: 'header' });
  for (const [k, val] of rows) dl.append(h('dt', {}, k), h('dd', { 'data-field': k.toLowerCase().replace(/ /g, '-') }, val));
  const actions = h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Actions' });
  const several = v.choices.length > 0;
  for (const [action, label] of ACTIONS) {
    // n > 1: the diff is of the choice shown, and says which
    // strip mode's content went out as sent, not repaired: its diff is raw vs sent
    const text = action === 'diff' && mode === 'strip' ? 'Raw vs sent diff' : label;
    const b = h('button', { 'data-action': action }, action === 'diff' && several ? `${text} (choice ${shownChoice.index})` : text);
    if ((action === 'copyCurl' || action === 'replay') && !v.replayable) {
      b.disabled = true;
      b.title = 'The artifact did not keep its request body';
    }
    const why = unusable(action, mode, repaired);
    if (why !== null) {
      b.disabled = true;
      b.title = why;
    }
    b.addEventListener('click', () => vscode.postMessage({ type: 'action', action, ...(several ? { choice: shownChoice.index } : {}) }));
    actions.append(b);
  }
  return h('div', {}, h('h1', {}, `${STATUS_ICONS[a.status] ?? ''} ${a.model}`), dl, actions);
}

/** What the page shows of one choice: the first choice's from the view's own fields, a later one's from
 * `choices`. */
type ShownChoice = Pick<
  InspectorChoice,
  'shownRaw' | 'omittedChars' | 'rawChars' | 'marks' | 'repairedContent' | 'repairedOmitted' | 'reasoning' | 'reasoningOmitted' | 'reasoningChars' | 'toolCalls' | 'cutToolCalls'
>;

function firstChoice(v: InspectorView): ShownChoice {
  const a = v.artifact;
  return {
    shownRaw: v.shownRaw,
    omittedChars: v.omittedChars,
    rawChars: v.rawChars,
    marks: v.marks,
    repairedContent: a.repairedContent,
    repairedOmitted: v.repairedOmitted,
    reasoning: a.reasoning,
    reasoningOmitted: v.reasoningOmitted,
    reasoningChars: v.reasoningChars,
    toolCalls: a.toolCalls,
    cutToolCalls: v.cutToolCalls,
  };
}

/** The raw content with each repair highlighted in place and each stripped span folded and labelled. */
function rawContent(v: ShownChoice): HTMLElement {
  const pre = h('pre', { class: 'raw', tabindex: '0', 'aria-label': 'Raw content' });
  const text = v.shownRaw;
  let pos = 0;
  v.marks.forEach((m, i) => {
    if (m.offset < pos || m.offset > text.length) return; // inside a span already placed, or past the shown part
    pre.append(text.slice(pos, m.offset));
    const slice = text.slice(m.offset, m.offset + m.length);
    if (m.what === 'stripped') {
      const d = h('details', { class: `stripped ${m.kind}`, id: `mark-${i}` }, h('summary', {}, `stripped ${m.label}`), slice);
      pre.append(d);
    } else {
      const tip = `${m.kind}: ${m.label}${m.replacement ? ` → ${JSON.stringify(m.replacement)}` : ' (removed)'}`;
      pre.append(h('mark', { class: `repair ${m.length === 0 ? 'insertion' : ''}`, id: `mark-${i}`, title: tip, tabindex: '-1', 'aria-label': tip }, slice));
    }
    pos = m.offset + m.length;
  });
  pre.append(text.slice(pos));
  const body: (Node | string)[] = [pre];
  if (v.omittedChars > 0) body.push(notShown(v.omittedChars, text.length, v.rawChars));
  return section('Raw content', 'raw', ...body);
}

/** What a capped text leaves out, of the text as the upstream sent it (not of the artifact's copy). */
function notShown(omitted: number, shown: number, total: number): HTMLElement {
  return h('p', { class: 'note' }, `${omitted} more characters not shown (the inspector shows the first ${shown} of ${total}).`);
}

/** What an empty list of marks says: only what the mode checked (strip mode parses nothing, passthrough
 * checks nothing; before, "No repairs and nothing stripped." for both, as for JSON that needed nothing). */
function noMarks(mode: AppliedMode): string {
  if (mode === 'strip') return 'Nothing stripped. The content went out as text, not parsed as JSON (strip mode): nothing in it was checked for repairs.';
  if (mode === 'passthrough') return 'Nothing checked (passthrough mode).';
  return 'No repairs and nothing stripped.';
}

function marksList(v: ShownChoice, mode: AppliedMode): HTMLElement {
  const list = h('ol', { class: 'marks' });
  v.marks.forEach((m: InspectorMark, i) => {
    const b = h('button', { 'data-mark': String(i) }, m.what === 'repair' ? `${m.kind} at ${m.offset}: ${m.label}` : `stripped ${m.label} at ${m.offset}`);
    b.addEventListener('click', () => jumpTo(i));
    list.append(h('li', { class: m.what }, b));
  });
  if (v.marks.length === 0) list.append(h('li', {}, noMarks(mode)));
  return section(`Repairs and stripped spans (${v.marks.length})`, 'marks', list);
}

function jumpTo(i: number): void {
  const el = document.getElementById(`mark-${i}`);
  if (!el) return;
  if (el instanceof HTMLDetailsElement) el.open = true;
  el.scrollIntoView({ block: 'center' });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1200);
  (el instanceof HTMLDetailsElement ? el.querySelector('summary')! : el).focus();
}

/** One of the shown choice's tool calls; `cut`: the upstream stopped inside its arguments (the artifact's
 * truncatedToolCalls), which a TRUNCATED verdict alone does not say (a call the model left open while
 * finishing normally is closed and TRUNCATED too, but not cut). */
function toolCall(t: InspectorToolCall, cut: boolean): HTMLElement {
  const title = `#${t.index} ${t.name ?? '(no name)'}${t.id ? ` (${t.id})` : ''} · ${t.status}${cut ? ' · cut' : ''}`;
  const repairs = h('ul', {}, ...t.repairs.map((r) => h('li', {}, `${r.kind} at ${r.offset}: ${r.message}`)));
  return h(
    'div',
    { class: `tool-call${cut ? ' truncated' : ''}`, 'data-tool': String(t.index) },
    h('h3', {}, title),
    h(
      'div',
      { class: 'before-after' },
      h('div', {}, h('h4', {}, 'Arguments as sent'), h('pre', { class: 'before' }, t.rawArguments), ...(t.rawOmitted > 0 ? [notShown(t.rawOmitted, t.rawArguments.length, t.rawChars)] : [])),
      h('div', {}, h('h4', {}, 'Repaired'), h('pre', { class: 'after' }, t.repairedArguments ?? '(not repaired)'), ...(t.repairedArguments !== null && t.repairedOmitted > 0 ? [notShown(t.repairedOmitted, t.repairedArguments.length, t.repairedChars)] : [])),
    ),
    repairs,
  );
}

/**
 * The time before the first byte and the streaming time as one bar, for artifacts without a timeline of
 * reads (not streamed, or recorded before artifacts kept one).
 */
function phaseBar(a: Pick<Artifact, 'timings' | 'chunks'>): HTMLElement {
  const total = Math.max(a.timings.totalMs, 0.001);
  const bar = h('div', { class: 'timeline', role: 'img', 'aria-label': `first byte after ${ms(a.timings.ttfbMs)} of ${ms(a.timings.totalMs)}` });
  const wait = h('div', { class: 'wait' });
  const stream = h('div', { class: 'stream' });
  const ttfb = a.timings.ttfbMs ?? a.timings.totalMs;
  wait.style.width = `${(100 * ttfb) / total}%`;
  stream.style.width = `${100 - (100 * ttfb) / total}%`;
  bar.append(wait, stream);
  const legend = h('p', { class: 'note' }, `waiting for the upstream ${ms(a.timings.ttfbMs)}, then ${a.chunks.upstream} upstream chunks → ${a.chunks.client} client chunks until ${ms(a.timings.totalMs)}. This artifact has no per-read times (not streamed, or recorded before artifacts kept them).`);
  return section('Timeline', 'timeline', bar, legend);
}

const SVG = 'http://www.w3.org/2000/svg';
/** The chart's coordinate system: x is time (0…W for 0…spanMs), y grows downwards to H. */
const W = 1000;
const H = 100;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, title?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (title !== undefined) {
    const t = document.createElementNS(SVG, 'title');
    t.textContent = title;
    el.append(t);
  }
  return el;
}

/** Reads over time: the wait for the first byte shaded, a bar per read (height: bytes), stalls as bands,
 * the content held as a step line. Every mark has a tooltip; the caption says the same in words. */
function chart(c: TimelineChart): HTMLElement {
  const x = (t: number): number => Math.round((W * t * 10) / c.spanMs) / 10;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', class: 'chart', role: 'img', 'aria-label': c.summary });
  if (c.ttfbMs !== null) root.append(svg('rect', { class: 'wait', x: 0, y: 0, width: x(c.ttfbMs), height: H }, `waiting for the first byte: ${ms(c.ttfbMs)}`));
  for (const s of c.stalls) root.append(svg('rect', { class: 'stall', x: x(s.from), y: 0, width: Math.max(1, x(s.to) - x(s.from)), height: H }, s.label));
  c.bars.forEach((b, i) => {
    const height = Math.max(1, Math.round(((H - 10) * b.bytes) / c.maxBytes));
    const width = i >= c.exact && c.bucketMs !== null ? Math.max(1.5, x(c.bucketMs)) : 1.5;
    root.append(svg('rect', { class: 'read', x: x(b.at), y: H - height, width, height }, b.label));
  });
  if (c.maxHeld > 0) {
    const points: string[] = [];
    let y = H;
    for (const b of c.bars) {
      if (b.held === null) continue;
      points.push(`${x(b.at)},${y}`);
      y = Math.round((H - ((H - 5) * b.held) / c.maxHeld) * 10) / 10;
      points.push(`${x(b.at)},${y}`);
    }
    root.append(svg('polyline', { class: 'held', points: points.join(' '), 'vector-effect': 'non-scaling-stroke' }, `content held back or stripped, up to ${c.maxHeld} chars`));
  }
  const legend = h('p', { class: 'legend note' }, h('span', { class: 'key read' }), ' bytes per read ', h('span', { class: 'key stall' }, ''), ' stall ', h('span', { class: 'key held' }), ' content held ', h('span', { class: 'key wait' }), ' waiting for the first byte');
  return section('Timeline', 'timeline', h('figure', {}, root, h('figcaption', { class: 'timeline-summary' }, c.summary)), legend);
}

/** The choice shown (`n > 1`): its index, kept while the same artifact is shown again. */
let shownChoice = { id: '', index: 0 };

/** `n > 1`: one button per choice (pressed: the one shown), with the later choices' own verdicts. */
function choiceSelector(v: InspectorView, selected: number, select: (index: number) => void): HTMLElement {
  const bar = h('div', { class: 'choices', role: 'toolbar', 'aria-label': 'Choices' });
  const first = v.artifact.choiceStatus;
  const entries: [number, string][] = [[0, first ? `Choice 0 · ${STATUS_ICONS[first] ?? ''} ${first}` : 'Choice 0'], ...v.choices.map((c): [number, string] => [c.index, `Choice ${c.index} · ${STATUS_ICONS[c.status] ?? ''} ${c.status}`])];
  for (const [index, label] of entries) {
    const b = h('button', { 'data-choice': String(index), 'aria-pressed': String(index === selected) }, label);
    b.addEventListener('click', () => select(index));
    bar.append(b);
  }
  return section(`Choices (${entries.length})`, 'choices', bar);
}

/** The sections of one choice: raw content with its marks, the list of marks, repaired, reasoning, tools. */
function choiceParts(v: InspectorView, c: ShownChoice, later: InspectorChoice | null): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const a = v.artifact;
  if (later) parts.push(h('p', { class: 'choice-summary note' }, `Choice ${later.index}: ${later.mode} · ${later.status} · finish ${later.finishReason ?? '–'}`));
  // choice 0's own verdict (the artifact's choiceStatus), beside the status of every choice in the header
  else if (v.statusScope.choiceZero) parts.push(h('p', { class: 'choice-summary note' }, `Choice 0: ${a.mode} · ${a.choiceStatus ?? a.status} · finish ${a.finishReason ?? '–'}`));
  const mode = later ? later.mode : a.mode;
  parts.push(rawContent(c), marksList(c, mode));
  if (c.repairedContent !== null) {
    const note = c.repairedOmitted > 0 ? [notShown(c.repairedOmitted, c.repairedContent.length, c.repairedContent.length + c.repairedOmitted)] : [];
    // strip mode's content is what the client got, reasoning taken out, never parsed: not "Repaired"
    const title = mode === 'strip' ? 'Sent to the client (strip mode: text, not parsed as JSON)' : 'Repaired';
    parts.push(section(title, 'repaired', h('pre', { class: 'repaired' }, c.repairedContent), ...note));
  }
  if (c.reasoning) {
    const note = c.reasoningOmitted > 0 ? [notShown(c.reasoningOmitted, c.reasoning.length, c.reasoningChars)] : [];
    parts.push(h('details', { class: 'reasoning', id: 'reasoning' }, h('summary', {}, `Reasoning (${c.reasoningChars} chars)`), h('pre', {}, c.reasoning), ...note));
  }
  if (c.toolCalls.length > 0) parts.push(section(`Tool calls (${c.toolCalls.length})`, 'tools', ...c.toolCalls.map((t) => toolCall(t, c.cutToolCalls.includes(t.index)))));
  return parts;
}

function render(v: InspectorView): void {
  const a = v.artifact;
  const app = document.getElementById('app')!;
  if (shownChoice.id !== a.id) shownChoice = { id: a.id, index: 0 };
  const later = v.choices.find((c) => c.index === shownChoice.index) ?? null;
  const parts: HTMLElement[] = [header(v, later ? later.repairedContent : a.repairedContent, later ? later.mode : a.mode)];
  if (v.choices.length > 0) parts.push(choiceSelector(v, later ? later.index : 0, (index) => {
    shownChoice = { id: a.id, index };
    render(v);
  }));
  parts.push(...choiceParts(v, later ?? firstChoice(v), later));
  if (a.errors.length > 0) parts.push(section('Errors', 'errors', h('ul', {}, ...a.errors.map((e) => h('li', {}, [e.status, e.code, e.message].filter((x) => x !== undefined && x !== '').join(' '))))));
  parts.push(v.chart ? chart(v.chart) : phaseBar(a));
  app.replaceChildren(...parts);
  const saved = vscode.getState();
  if (saved?.id === a.id && saved.scrollY) window.scrollTo(0, saved.scrollY);
  vscode.setState({ id: a.id, scrollY: saved?.id === a.id ? saved.scrollY : 0 });
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => vscode.setState({ ...vscode.getState(), scrollY: window.scrollY }), 150);
});

window.addEventListener('message', (e: MessageEvent<InspectorToWebview>) => {
  const m = e.data;
  if (m.type === 'show') render(m.view);
  else if (m.type === 'notice') document.getElementById('app')!.replaceChildren(h('p', { class: 'notice', role: 'alert' }, m.text));
  else if (m.type === 'busy') document.body.classList.toggle('busy', m.busy);
});

vscode.postMessage({ type: 'ready' });
