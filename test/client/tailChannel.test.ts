import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { TailChannel } from '../../client/tailChannel';

/** The few OutputChannel methods TailChannel forwards to, recording the text. */
function fakeChannel(): vscode.OutputChannel & { text: string } {
  const ch = {
    name: 'fake',
    text: '',
    append(v: string) {
      ch.text += v;
    },
    appendLine(v: string) {
      ch.text += v + '\n';
    },
    replace(v: string) {
      ch.text = v;
    },
    clear() {
      ch.text = '';
    },
    show() {},
    hide() {},
    dispose() {},
  };
  return ch;
}

describe('client/tailChannel', () => {
  it('forwards everything to the real channel', () => {
    const inner = fakeChannel();
    const t = new TailChannel(inner);
    t.append('a');
    t.appendLine('b');
    assert.equal(inner.text, 'ab\n');
    assert.equal(t.name, 'fake');
  });

  it("takes the daemon's own fatal line as the reason, skipping the language client's lines", () => {
    const t = new TailChannel(fakeChannel());
    t.append('listening on 127.0.0.1:8787\nstreamfix: allowed origin must look like "https://example.com", got "x"\n');
    t.appendLine('[Error - 1:50:49 AM] StreamFix client: couldn\'t create connection to server.');
    t.appendLine('  Message: Pending response rejected since connection got disposed');
    t.appendLine('  Code: -32097 ');
    assert.equal(t.reason(), 'allowed origin must look like "https://example.com", got "x"');
  });

  it('falls back to the last lines of its own output, split across appends', () => {
    const t = new TailChannel(fakeChannel());
    t.append('first\nsec');
    t.append('ond\nthird');
    assert.equal(t.reason(), 'first | second | third');
    assert.deepEqual(t.tail(2), ['second', 'third']);
  });

  it("takes an uncaught error's line as the reason of a crash at start, not its stack's last frames", () => {
    const t = new TailChannel(fakeChannel());
    t.append('/tmp/crash.js:1\nthrow new Error(\'boom\');\n^\n\nError: boom\n    at Object.<anonymous> (/tmp/crash.js:1:7)\n    at Module._compile (node:internal/modules/cjs/loader:1929:14)\n\nNode.js v24.21.0\n');
    t.appendLine('[Error - 1:50:49 AM] Server process exited with code 1.');
    assert.equal(t.reason(), 'it crashed at start: Error: boom');
    const u = new TailChannel(fakeChannel());
    u.append('TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string\n    at x (y:1:1)\n');
    assert.equal(u.reason(), 'it crashed at start: TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string');
    // the daemon's own fatal line wins over an error it printed before
    const v = new TailChannel(fakeChannel());
    v.append('Error: a warning it printed\nstreamfix: could not start: EACCES\n');
    assert.equal(v.reason(), 'could not start: EACCES');
  });

  it('forgets earlier output at mark()', () => {
    const t = new TailChannel(fakeChannel());
    t.appendLine('streamfix: old failure');
    t.mark();
    assert.equal(t.reason(), undefined);
  });
});
