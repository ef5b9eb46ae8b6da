/** The redactor on its own: the forms of a secret it catches, streaming bodies cut at every byte. */
import { strict as assert } from 'node:assert';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { bodyOf, reads } from '../helpers/redactBody';

const KEY = 'sk-or-v1-0123456789abcdef';

describe('gateway: redactor', () => {
  it('replaces the secret in every form an upstream may echo it', () => {
    const r = new Redactor(['sk-a/b"c\u00e9-12345']);
    assert.equal(r.text('raw sk-a/b"c\u00e9-12345.'), 'raw [redacted].');
    assert.equal(r.text('json "sk-a/b\\"c\u00e9-12345"'), 'json "[redacted]"');
    assert.equal(r.text('ascii "sk-a/b\\"c\\u00e9-12345"'), 'ascii "[redacted]"');
    assert.equal(r.text('slash "sk-a\\/b\\"c\u00e9-12345"'), 'slash "[redacted]"');
    assert.equal(r.text('url ?k=sk-a%2Fb%22c%C3%A9-12345'), 'url ?k=[redacted]');
  });

  it('takes the values of credential headers and the token after the scheme', () => {
    assert.deepEqual(headerSecrets({ Authorization: `Bearer ${KEY}`, 'x-api-key': 'xk-98765432', accept: 'text/event-stream', 'x-title': 'StreamFix' }), [
      `Bearer ${KEY}`,
      KEY,
      'xk-98765432',
    ]);
    const r = new Redactor(headerSecrets({ authorization: `Bearer ${KEY}` }));
    assert.equal(r.text(`got Authorization: Bearer ${KEY} and bearer ${KEY}`), 'got Authorization: [redacted] and bearer [redacted]');
  });

  it('leaves values shorter than 8 characters alone (they would corrupt the content)', () => {
    const r = new Redactor(['abc', null, undefined, '', 'abcdefgh']);
    assert.equal(r.text('abc abcdefgh'), 'abc [redacted]');
    assert.equal(new Redactor(['short']).empty, true);
  });

  it('redacts header values, strings and arrays', () => {
    const r = new Redactor([KEY]);
    assert.deepEqual(r.headers({ 'x-echo': `Bearer ${KEY}`, 'set-cookie': [`a=${KEY}`, 'b=1'], n: undefined }), {
      'x-echo': 'Bearer [redacted]',
      'set-cookie': ['a=[redacted]', 'b=1'],
      n: undefined,
    });
  });

  it('returns the same Buffer when no secret is in it', () => {
    const r = new Redactor([KEY]);
    const b = Buffer.from('data: {"choices":[]}\n\n');
    assert.equal(r.bytes(b), b);
  });

  it('redacts a body cut at every byte, twice over (secret split in three reads)', async () => {
    const text = `data: {"error":{"message":"bad key Bearer ${KEY}, again ${KEY}"}}\n\nsk-or tail B`;
    const want = 'data: {"error":{"message":"bad key [redacted], again [redacted]"}}\n\nsk-or tail B';
    const bytes = Buffer.from(text);
    const r = new Redactor(headerSecrets({ authorization: `Bearer ${KEY}` }));
    for (let i = 1; i < bytes.length; i++) {
      for (const j of [i + 1, i + 7, bytes.length - 1]) {
        if (j <= i || j >= bytes.length) continue;
        const out = await reads(r.body(bodyOf([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])));
        assert.equal(Buffer.concat(out).toString(), want, `cut at ${i}, ${j}`);
      }
    }
  });

  it('holds back nothing when a read cannot be the start of a secret', async () => {
    const r = new Redactor([KEY]);
    const out = await reads(r.body(bodyOf([Buffer.from('data: a\n\n'), Buffer.from('data: b\n\n')])));
    assert.deepEqual(
      out.map((b) => b.toString()),
      ['data: a\n\n', 'data: b\n\n'],
    );
  });

  it('holds a possible secret start until the next read decides it', async () => {
    const r = new Redactor([KEY]);
    const out = await reads(r.body(bodyOf([Buffer.from('text sk-or'), Buffer.from('-v2 more')])));
    assert.deepEqual(
      out.map((b) => b.toString()),
      ['text ', 'sk-or-v2 more'],
    );
  });

  it('drops held bytes when the body fails (they may be most of the secret)', async () => {
    const r = new Redactor([KEY]);
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const b of r.body(bodyOf([Buffer.from(`ok ${KEY.slice(0, -1)}`)], new Error('reset')))) seen.push(b.toString());
      })(),
      /reset/,
    );
    assert.deepEqual(seen, ['ok ']);
  });

  it('reads the whole redacted body with text()', async () => {
    const r = new Redactor([KEY]);
    assert.equal(await r.body(bodyOf([Buffer.from(`a ${KEY.slice(0, 5)}`), Buffer.from(`${KEY.slice(5)} b`)])).text(), 'a [redacted] b');
  });

  it('passes dump() through and returns the body itself when there is nothing to redact', async () => {
    const src = bodyOf([]);
    const r = new Redactor([KEY]);
    await r.body(src).dump();
    assert.equal(src.dumped, 1);
    assert.equal(new Redactor([]).body(src), src);
  });

  it('redacts every string of a value at any depth (deep), copying only the objects on the way to a change', () => {
    const r = new Redactor([KEY]);
    const clean = { id: 'a', n: 3, list: [{ text: 'nothing secret here' }], none: null };
    const a = { ...clean, toolCalls: [{ rawArguments: `{"k": "${KEY}"}`, index: 0 }, { rawArguments: '{}', index: 1 }] };
    const out = r.deep(a);
    assert.deepEqual(out, { ...clean, toolCalls: [{ rawArguments: '{"k": "[redacted]"}', index: 0 }, { rawArguments: '{}', index: 1 }] });
    assert.equal(a.toolCalls[0]!.rawArguments, `{"k": "${KEY}"}`, 'the input is not changed');
    assert.equal(out.list, clean.list);
    assert.equal(out.toolCalls[1], a.toolCalls[1]);
    assert.equal(r.deep(clean), clean);
    assert.equal(new Redactor([]).deep(a), a);
  });

  it('redacts a text as it streams (textStage), the secret cut at every position, holding only a possible start', () => {
    const r = new Redactor([KEY]);
    const text = `a Bearer ${KEY} b ${KEY}`;
    for (let at = 0; at <= text.length; at++) {
      const stage = r.textStage()!;
      const first = stage.push(text.slice(0, at));
      const second = stage.push(text.slice(at));
      const out = first + second + stage.end();
      assert.equal(out, 'a Bearer [redacted] b [redacted]', `cut at ${at}`);
      // before the rest arrived: the head, less exactly its longest tail that could start the key
      const head = text.slice(0, at).split(KEY).join('[redacted]');
      let tail = Math.min(head.length, KEY.length - 1);
      while (tail > 0 && !KEY.startsWith(head.slice(head.length - tail))) tail--;
      assert.equal(first, head.slice(0, head.length - tail), `cut at ${at}`);
    }
    const stage = r.textStage()!;
    assert.deepEqual([stage.push('no secret here.'), stage.push(' ends with s'), stage.push('k-or'), stage.push('ange'), stage.end()], ['no secret here.', ' ends with ', '', 'sk-orange', '']);
    assert.equal(new Redactor([]).textStage(), null);
  });
});
