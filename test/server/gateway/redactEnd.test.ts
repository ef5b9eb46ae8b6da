/**
 * The end of a text cut inside a secret (redact.ts, keyPrefix.ts): the secret's public start goes out as
 * itself, one character more goes as `[redacted]`: a text channel's end (TextRedaction.end, both holds), a
 * body's end (as sent and written with escapes, cut at every byte and read at every split), a JSON string's
 * end (valueEnds), an artifact's strings (deep). Random JSON without the key goes through byte-identical.
 */
import { strict as assert } from 'node:assert';
import { publicLength, SHOWN_OF_ANY_SECRET } from '../../../server/gateway/keyPrefix';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { rng } from '../../bench/docs';
import { bodyOf, drain } from '../helpers/redactBody';

const KEY = 'sk-or-v1-0123456789abcdef0123';
const AUTH = `Bearer ${KEY}`;
const redactor = new Redactor([KEY, ...headerSecrets({ authorization: AUTH })]);

/** `s` with every character written as `\uXXXX`. */
const escapeAll = (s: string): string => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** What a text ending with the key's first k characters (after `Bearer `) shows. */
const shown = (k: number): string => (k <= 9 ? AUTH.slice(0, 7 + k) : 'Bearer [redacted]');

describe('gateway: a secret cut by the end of a text', () => {
  it('the public start of a key: the provider prefix, a scheme, else at most 3 characters', () => {
    assert.deepEqual(
      ['sk-or-v1-0123456789abcdef', 'Bearer sk-or-v1-0123456789abcdef', 'sk-ant-api03-AbCdEf0123', 'sk-proj-AbC_dEf-0123', 'sk-0123456789abcdef', 'q8Xr-secret-value', 'Basic dXNlcjpwYXNz', 'my secret phrase', 'ab\u{1F600}cdefgh'].map(publicLength),
      [9, 16, 13, 8, 3, SHOWN_OF_ANY_SECRET, 9, 3, 2],
    );
  });

  for (const minHold of [1, 4]) {
    it(`a text redaction's end (hold ${minHold}), the key cut after every character, in one piece and in two`, () => {
      for (let k = 1; k < KEY.length; k++) {
        const text = `echo ${AUTH.slice(0, 7 + k)}`;
        for (let at = 0; at < text.length; at++) {
          const t = redactor.textStage(minHold)!;
          const out = t.push(text.slice(0, at)) + t.push(text.slice(at)) + t.end();
          // hold 4 (passthrough): a first piece ending in 1-3 of the key's characters sent them already
          const sent = at - 'echo Bearer '.length;
          const want = minHold === 4 && k > 9 && sent >= 1 && sent < 4 ? `echo Bearer ${KEY.slice(0, sent)}[redacted]` : `echo ${shown(k)}`;
          assert.equal(out, want, `k ${k}, split ${at}`);
        }
      }
    });
  }

  it('a text\'s end changes only a key start past sk-or-v1- (lookalikes and the key\'s characters mid-text stay)', () => {
    const cases: [string, string][] = [
      ['tasks', 'tasks'],
      ['sk-or-v1-', 'sk-or-v1-'],
      ['see sk-or-v1-01 and more', 'see sk-or-v1-01 and more'],
      ['sk-or-v1-1', 'sk-or-v1-1'],
      ['sk-or-v1-0x', 'sk-or-v1-0x'],
      ['Bearer sk-or-v1-', 'Bearer sk-or-v1-'],
      ['sk-or-v1-0123456789abcdef012', '[redacted]'],
      ['a sk-or-v1-0', 'a [redacted]'],
    ];
    for (const [text, want] of cases) {
      const t = redactor.textStage()!;
      assert.equal(t.push(text) + t.end(), want, text);
    }
  });

  it('a body ending inside the key, as sent and escaped, at every cut and every split into two reads', async () => {
    for (let k = 1; k < KEY.length; k++) {
      for (const [form, write] of [['as sent', (s: string) => s], ['escaped', escapeAll]] as const) {
        const text = `{"error":"x"} echo ${write(AUTH.slice(0, 7 + k))}`;
        const want = `{"error":"x"} echo ${k <= 9 ? write(AUTH.slice(0, 7 + k)) : `${write('Bearer ')}[redacted]`}`;
        const bytes = Buffer.from(text);
        for (let at = 0; at <= bytes.length; at += form === 'escaped' ? 5 : 1) {
          const got = await drain(redactor.body(bodyOf([bytes.subarray(0, at), bytes.subarray(at)])));
          assert.equal(got, want, `${form}, k ${k}, split ${at}`);
        }
      }
    }
  });

  it('a JSON body: each string ending inside the key ends in [redacted], as sent or escaped, at every split', async () => {
    for (let k = 1; k < KEY.length; k++) {
      for (const write of [(s: string) => s, escapeAll]) {
        const doc = (h: string) => `{"error":{"message":"bad ${h}","raw":"{\\"a\\":\\"${h}"},"m":["${h}"]}`;
        const h = write(AUTH.slice(0, 7 + k));
        const want = k <= 9 ? doc(h) : doc(`${write('Bearer ')}[redacted]`);
        const bytes = Buffer.from(doc(h));
        assert.equal(redactor.valueEnds(bytes).toString(), want, `k ${k}`);
        for (let at = 0; at <= bytes.length; at += 3) assert.equal(await drain(redactor.body(bodyOf([bytes.subarray(0, at), bytes.subarray(at)]), true)), want, `k ${k}, split ${at}`);
      }
    }
  });

  it('an artifact\'s strings: one ending inside the key ends in [redacted]; the public start stays', () => {
    assert.deepEqual(redactor.deep({ a: 'echo Bearer sk-or-v1-01', b: ['echo Bearer sk-or-v1-'], c: 'sk-or-v1-0 mid text', d: 7 }), { a: 'echo Bearer [redacted]', b: ['echo Bearer sk-or-v1-'], c: 'sk-or-v1-0 mid text', d: 7 });
  });

  it('a whole text (textEnd, an artifact\'s strings) ending in the key\'s start written with JSON escapes ends in [redacted], as a text stage\'s end does', () => {
    // the key's first k characters written with every character escaped, only the first, only the last
    const writes: [string, (s: string) => string][] = [
      ['all escaped', escapeAll],
      ['first escaped', (s) => escapeAll(s.slice(0, 1)) + s.slice(1)],
      ['last escaped', (s) => s.slice(0, -1) + escapeAll(s.slice(-1))],
    ];
    for (let k = 1; k < KEY.length; k++) {
      for (const [name, write] of writes) {
        const text = `x ${write(KEY.slice(0, k))}`;
        const want = k <= 9 ? text : 'x [redacted]';
        assert.equal(redactor.textEnd(text), want, `${name}, k ${k}: textEnd`);
        assert.deepEqual(redactor.deep({ m: text, l: [text] }), { m: want, l: [want] }, `${name}, k ${k}: deep`);
        for (const minHold of [1, 4]) {
          const t = redactor.textStage(minHold)!;
          assert.equal(t.push(text) + t.end(), want, `${name}, k ${k}: stage ${minHold}`);
        }
      }
    }
    // after `Bearer ` (a longer form holds the key), and the brief's example: not a key's start past `1d`
    assert.equal(redactor.textEnd('echo Bearer \\u0073k-or-v1-01'), 'echo Bearer [redacted]');
    assert.equal(redactor.textEnd('x \\u0073k-or-v1-0x'), 'x \\u0073k-or-v1-0x');
    assert.equal(redactor.textEnd('x \\u0073k-or-v1-'), 'x \\u0073k-or-v1-');
  });

  it('400 seeded random JSON bodies without the key go through byte-identical, at random reads', async () => {
    const rand = rng(5);
    const words = ['sk', 'sk-or', 'sk-or-v1-', 'sk-or-v1-1', 'sk-or-v1-0x', 'Bearer ', 'Bearer sk-or-v1-', '987', 'abc', '\\"', '\\u0073', '\\\\u0073k', 'é', '🙂', ' ', '"', ','];
    for (let i = 0; i < 400; i++) {
      let s = '{"a":"';
      for (let n = Math.floor(rand() * 40); n > 0; n--) s += words[Math.floor(rand() * words.length)];
      s += '"}';
      const bytes = Buffer.from(s);
      const reads: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + Math.floor(rand() * 20);
        reads.push(bytes.subarray(at, at + n));
        at += n;
      }
      assert.equal(await drain(redactor.body(bodyOf(reads), true)), s, `body ${i}`);
    }
  });
});
