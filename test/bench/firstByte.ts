/**
 * The first output byte of prose-started text (issue 8 §1): streaming never takes output back, so a
 * value found in text that began as prose is held until it is known to be the answer, and its first
 * byte reaches the client later than for text that begins with JSON. This measures that price with
 * today's API only (the first non-empty `output` of a `push`, or `final` from `end()`): realistic
 * inputs streamed in 16-character chunks, plain JSON as the baseline.
 *
 * Per input: the bytes of input consumed when the first output byte appears, the same counted from
 * the answer's first byte (negative: output began before the answer, i.e. a draft was streamed), the
 * share of the input consumed (at a model's steady token rate, the share of the stream's duration the
 * client waits), the CPU time to the first output byte and its share of the whole stream's CPU time,
 * and whether the streamed output is the answer.
 */
import { engine } from './engineUnderTest';
import { deepEqual } from './corpus';
import { bytes, collect, fmt, table, timeMedian } from './measure';
import { CHUNK, chunked } from './streaming';

const ANSWER = JSON.stringify(
  {
    order_id: 'A-1042',
    customer: { name: 'Acme Corp', city: 'Berlin', vat: 'DE129273398' },
    items: [
      { sku: 'KB-01', description: 'Mechanical keyboard, German layout', qty: 1, price: 49.99 },
      { sku: 'MS-07', description: 'Wireless mouse', qty: 2, price: 19.5 },
      { sku: 'CB-12', description: 'USB-C cable, 2 m', qty: 3, price: 7.25 },
    ],
    total: 110.74,
    currency: 'EUR',
    paid: false,
    notes: null,
  },
  null,
  2,
);
const DRAFT = '{"order_id": "A-1042", "items": [], "total": 0}';

/** R1-style reasoning of about 1.2 KB; with `draft`, it thinks out loud with a complete JSON draft. */
function reasoning(draft: boolean): string {
  return [
    'Okay, so the user wants the order as JSON. Let me go through the message again.',
    'The customer is Acme Corp in Berlin, VAT number DE129273398. Three line items: a mechanical keyboard with German layout at 49.99, two wireless mice at 19.5 each, and three USB-C cables of 2 m at 7.25 each.',
    draft ? `Let me sketch it: ${DRAFT} No wait, that misses the items and the total is wrong.` : 'I need the order id, the customer, the items, the total and whether it is paid.',
    'Total: 49.99 + 2 * 19.5 + 3 * 7.25 = 49.99 + 39 + 21.75 = 110.74. The currency is EUR since the customer is in Germany.',
    'The user said the invoice is not paid yet, so paid is false. There are no notes. Let me double-check the quantities: 1, 2, 3. Yes.',
    'The order id from the email subject is A-1042. Good, that is everything, so I can write the answer now.',
  ].join('\n\n');
}

interface Input {
  name: string;
  text: string;
}

const INPUTS: Input[] = [
  { name: 'plain JSON (baseline)', text: ANSWER },
  { name: '```json fence', text: '```json\n' + ANSWER + '\n```' },
  { name: '<think> block, then JSON', text: `<think>\n${reasoning(false)}\n</think>\n\n${ANSWER}` },
  { name: 'reasoning without opening tag, then JSON', text: `${reasoning(false)}\n</think>\n\n${ANSWER}` },
  { name: 'same, with a JSON draft in the reasoning', text: `${reasoning(true)}\n</think>\n\n${ANSWER}` },
  { name: 'prose, then a ```json fence', text: `Sure! Here is the order as JSON, with the total computed from the three line items:\n\n\`\`\`json\n${ANSWER}\n\`\`\`\n\nLet me know if you need it in another format.` },
  { name: 'prose, then JSON on its own lines', text: `Here is the order:\n\n${ANSWER}\n\nThe total includes every line item.` },
];

/** Streams `chunks`; returns the index of the chunk whose push gave the first output (chunks.length
 * when only end() did), and the whole output. */
function firstOutput(chunks: string[]): { at: number; output: string } {
  const s = engine.createStreamRepairer();
  let at = -1;
  let output = '';
  chunks.forEach((c, i) => {
    const u = s.push(c);
    if (u.output !== '' && at < 0) at = i;
    output += u.output;
  });
  const final = s.end().final;
  if (at < 0) at = chunks.length;
  return { at, output: output + final };
}

/** Pushes chunks until the first non-empty output (the work a client waits for), then drops the
 * repairer, as a client that has what it waits for would keep going without it. */
function untilFirstOutput(chunks: string[]): void {
  const s = engine.createStreamRepairer();
  for (const c of chunks) if (s.push(c).output !== '') return;
  s.end();
}

function wholeStream(chunks: string[]): void {
  const s = engine.createStreamRepairer();
  for (const c of chunks) s.push(c);
  s.end();
}

/** Streams per timed run: one stream takes tens of microseconds, and the process's CPU time is read
 * from the kernel's accounting, coarser than that; 2,000 streams make a run of tens of milliseconds. */
const REPEAT = 2000;

export async function runFirstByte(log: (s: string) => void): Promise<string> {
  const answer = JSON.parse(ANSWER) as unknown;
  const rows: string[][] = [];
  collect();
  // Warm the engine up on every input first, so the first row is not the JIT's warm-up.
  for (let k = 0; k < 50; k++) for (const input of INPUTS) wholeStream(chunked(input.text));
  for (const input of INPUTS) {
    const chunks = chunked(input.text);
    const { at, output } = firstOutput(chunks);
    const consumed = at >= chunks.length ? bytes(input.text) : bytes(chunks.slice(0, at + 1).join(''));
    const answerStart = bytes(input.text.slice(0, input.text.indexOf(ANSWER)));
    let right = false;
    try {
      right = deepEqual(JSON.parse(output), answer);
    } catch {
      right = false; // the streamed output is not JSON: reported as not the answer
    }
    const tWhole = await timeMedian(() => {
      for (let i = 0; i < REPEAT; i++) wholeStream(chunks);
    }, 7, 1);
    // When only end() gives output, the work to the first byte is the whole stream: timed once, so
    // two noisy readings of the same work do not print a share above 100%.
    const tFirst =
      at >= chunks.length
        ? tWhole
        : await timeMedian(() => {
            for (let i = 0; i < REPEAT; i++) untilFirstOutput(chunks);
          }, 7, 1);
    const us = (ms: number) => `${fmt((1000 * ms) / REPEAT)} µs`;
    log(`first byte: ${input.name}: after ${consumed} B, ${us(tFirst)} of ${us(tWhole)}`);
    rows.push([
      input.name,
      String(bytes(input.text)),
      at >= chunks.length ? `${consumed} (at end())` : String(consumed),
      String(consumed - answerStart),
      `${fmt((100 * consumed) / bytes(input.text), 0)}%`,
      us(tFirst),
      `${fmt((100 * tFirst) / tWhole, 0)}%`,
      us(tWhole),
      right ? 'yes' : '**no**',
    ]);
  }
  return (
    `Realistic inputs (a ~${fmt(bytes(ANSWER) / 1024)} KiB order as the answer, R1-style reasoning of ~${fmt(bytes(reasoning(false)) / 1024)} KiB) streamed in ${CHUNK}-character chunks through \`createStreamRepairer\`; the first output byte is the first non-empty \`output\` of a \`push\`. ` +
    `CPU times per stream, median of 7 runs of ${REPEAT} streams. "From the answer's start" counts the bytes consumed past the answer's first byte (negative: output began before the answer). "Answer streamed" tells whether the streamed output is the answer, not a draft.\n\n` +
    table(
      ['input', 'bytes', 'bytes consumed at the first output byte', 'from the answer\'s start', 'share of the input', 'CPU to the first output byte', 'share of the stream\'s CPU', 'CPU whole stream', 'answer streamed'],
      rows,
    )
  );
}
