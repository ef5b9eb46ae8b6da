/**
 * The text redaction's shortcuts (redact.ts, 2026-12-03): a text stage with nothing held or remembered
 * sends a piece whose last character no spelling of a secret's start can end with (a secret's or a base64
 * form's characters, an escape's `\`, `u`, hex digits, `/`) as it is, without looking for a start; a base64
 * form's start is looked for only in the run of the forms' characters that ends the text; a whole text
 * (an artifact's strings, an error's message) whose end has fewer such characters than the shortest start
 * its end redaction replaces keeps its end. What they must not change: the text wherever it was cut (a
 * model's tokens, 1 to 7 characters, from every offset), no piece nor two that follow each other showing
 * the key, the stage left open exactly after a piece that may start a secret, and a whole text's end.
 */
import { strict as assert } from 'node:assert';
import { Redactor } from '../../../server/gateway/redact';
import { revealsBase64 } from '../helpers/redactBody';

// a hex key (its base64 forms have no `+` or `/`); `~`, `?`, `>` put `+` and `/` in the encoding; a key
// with a quote, a backslash, a slash and non-ASCII characters
const KEYS = ['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', 'sk-or-v1-7d2f~9a41?c0e3>b58f6a2d~9c71e4b0a3f5?c1d8e2b7f4a6', 'k3y"with\\back/sl-é-中-ü-0123456789'];

/** The spellings of `key` a text may hold: as sent, as a JSON string writes it, with every other character
 * written `\uXXXX` (a text that is itself JSON; every third in upper-case hex), and base64:
 * standard after 0 bytes, after 1, URL-safe after 2, standard with `/` written `\/`. */
function spellings(key: string): [string, string][] {
  const b = (pre: string) => Buffer.from(pre + key);
  return [
    ['raw', key],
    ['json', JSON.stringify(key).slice(1, -1)],
    // (a quote or a backslash always: a text that is JSON has neither bare)
    ['escaped', [...key].map((c, i) => (i % 2 || c === '"' || c === '\\' ? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0') : c)).join('')],
    ['escaped, upper hex', [...key].map((c, i) => (i % 3 === 1 || c === '"' || c === '\\' ? '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') : c)).join('')],
    ['base64', b('').toString('base64')],
    ['base64 after 1', b('x').toString('base64')],
    ['base64url after 2', b('xy').toString('base64url')],
    ['base64 \\/', b('').toString('base64').replace(/\//g, '\\/')],
  ];
}

/** Whether `text` shows the key's secret part: 8 of its characters after its public start in a row, as
 * sent or decoded once or twice, or 6 bytes of it in a base64 run. */
function reveals(text: string, key: string): boolean {
  const random = key.slice(key.startsWith('sk-or-v1-') ? 9 : 3);
  const once = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  const twice = text.replace(/\\\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  for (const t of [text, once, twice, text.replace(/\\(["\\/])/g, '$1')]) {
    for (let i = 0; i + 8 <= random.length; i++) if (t.includes(random.slice(i, i + 8))) return true;
  }
  return revealsBase64(text, random, random.length);
}

/** `text` pushed in pieces of `size` characters (the first `first`), then end(): each output. */
function streamed(r: Redactor, text: string, size: number, first: number): string[] {
  const s = r.textStage()!;
  const outs: string[] = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const n = k === 0 ? first : size;
    outs.push(s.push(text.slice(at, at + n)));
    at += n;
  }
  outs.push(s.end());
  return outs;
}

describe('redaction shortcuts: a piece ending in no spelling of a start, a base64 start in the last word, a whole text end', () => {
  for (const key of KEYS) {
    it(`a text stage gives the same text in token-sized pieces from every offset, every spelling (${JSON.stringify(key.slice(0, 12))}…)`, () => {
      const r = new Redactor([key, `Bearer ${key}`]);
      for (const [name, spelled] of spellings(key)) {
        // the key between characters no spelling ends with, and between ones that may
        for (const [pre, post] of [['see: [', '], done.'], ['token ', ' end'], ['tasks, ', '\n']]) {
          const text = `${pre}${spelled}${post}`;
          const one = r.textStage()!;
          const whole = one.push(text) + one.end();
          assert.ok(!reveals(whole, key), `${name}: ${whole}`);
          if (name === 'raw') assert.equal(whole, `${pre}[redacted]${post}`);
          for (let size = 1; size <= 7; size++) {
            for (let first = 1; first <= size; first++) {
              const outs = streamed(r, text, size, first);
              const where = `${name}, ${JSON.stringify(pre)}, pieces of ${size} from ${first}`;
              assert.equal(outs.join(''), whole, where);
              for (let i = 0; i + 1 < outs.length; i++) assert.ok(!reveals(outs[i]! + outs[i + 1]!, key), `${where}: ${outs[i]}${outs[i + 1]}`);
            }
          }
        }
      }
    });
  }

  it('a piece ending in a character no start of the key has leaves the stage clean; one that may start it holds or remembers', () => {
    const key = KEYS[0]!;
    const r = new Redactor([key]);
    const s = r.textStage()!;
    // `:`, `[`, space, `"`, `,`, `]`, a line end: none is a character of the key, its base64 forms or an escape
    for (const p of ['{"tasks": [', '"a", ', 'b]\n', '"note": "']) {
      assert.equal(s.push(p), p);
      assert.equal(s.open, false, p);
      assert.equal(s.pending, '', p);
    }
    // `s` (the key's first character): sent and remembered (minimum hold 1 holds it: the key's start)
    assert.equal(s.push('ask'), 'a');
    assert.equal(s.pending, 'sk');
    assert.equal(s.push('-or-v1-1db40a1ad4'), '');
    assert.equal(s.push(`${key.slice(19)}, next`), '[redacted], next');
    assert.equal(s.open, false);
    // the escape of the key's first character cut after `\u0`, then a piece that ends it elsewhere
    assert.equal(s.push('x \\u0'), 'x ');
    assert.equal(s.pending, '\\u0');
    assert.equal(s.push('0e9, y'), '\\u00e9, y');
    assert.equal(s.open, false);
    // a base64 form's first character (`c`, of `c2stb3It…`) ends a piece: remembered, its next piece may go on
    const e = Buffer.from(key).toString('base64');
    assert.equal(s.push('abc'), 'abc');
    assert.equal(s.open, true);
    assert.equal(s.push(e.slice(1, 20)), '');
    // (the `c` went out with `abc`: remembered; what came after it is held, past the form's head)
    assert.equal(s.pending, e.slice(1, 20));
    // (the characters after the form's tail share bits with what follows the key: they stay)
    assert.equal(s.push(`${e.slice(20)}; done`), `2stb3ItdjEt[redacted]${e.slice(Math.floor(key.length / 3) * 4)}; done`);
    assert.equal(s.open, false);
    // the form's start that goes no further is text
    assert.equal(s.push('c') + s.push('2stb3ItdjEtMWRi') + s.push('; end') + s.end(), 'c2stb3ItdjEtMWRi; end');
  });

  it('a whole text (textEnd, deep) keeps an end of fewer characters than a start past the public one; longer ones are replaced', () => {
    const key = KEYS[0]!;
    const r = new Redactor([key]);
    // the key's public start is `sk-or-v1-` (9): 10 characters of it are the shortest replaced end
    assert.equal(r.textEnd('x sk-or-v1-'), 'x sk-or-v1-');
    assert.equal(r.textEnd('x sk-or-v1-1'), 'x [redacted]');
    assert.equal(r.textEnd('x sk-or-v1-1db40a1a'), 'x [redacted]');
    assert.equal(r.textEnd('x sk-or-v1-1db40a1a.'), 'x sk-or-v1-1db40a1a.');
    // the standard base64 form keeps 12 characters (`c2stb3ItdjEt` stands for `sk-or-v1-`): 13 are replaced
    assert.equal(r.textEnd('I saw c2stb3ItdjEt'), 'I saw c2stb3ItdjEt');
    assert.equal(r.textEnd('I saw c2stb3ItdjEtM'), 'I saw c2stb3ItdjEt[redacted]');
    assert.equal(r.textEnd('I saw c2stb3ItdjEtMWRi'), 'I saw c2stb3ItdjEt[redacted]');
    // written with escapes (a text that is itself JSON): the same characters
    assert.equal(r.textEnd('I saw c2stb3\\u0049tdjEtMWRi'), 'I saw c2stb3\\u0049tdjEt[redacted]');
    // short words and ordinary ends (an artifact's repair kinds and messages) stay
    for (const s of ['unquoted_key', 'Single quotes replaced by double quotes', 'batch-1', 'tasks', 'line 1 \\u00e9t\\u00e9', 'é中😀']) assert.equal(r.textEnd(s), s);
    const a = { repairs: [{ kind: 'unquoted_key', message: 'Unquoted key quoted' }], text: 'Bearer sk-or-v1-1db4', note: `a ${key} b` };
    assert.deepEqual(r.deep(a), { repairs: [{ kind: 'unquoted_key', message: 'Unquoted key quoted' }], text: 'Bearer [redacted]', note: 'a [redacted] b' });
    assert.equal(r.deep(a).repairs, a.repairs);
  });
});
