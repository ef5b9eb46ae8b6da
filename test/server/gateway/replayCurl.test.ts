/**
 * "Copy as curl" end to end: the command the inspector copies, run by bash with curl against the gateway,
 * answers what the recorded request was answered (the demo upstream is deterministic), for the chat
 * endpoint and the Messages API, streaming and not. Before, a Messages artifact kept no request, so the
 * inspector could neither copy nor replay it.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { curlFor } from '../../../client/inspectorView';
import type { Artifact } from '../../../shared/protocol';
import { useTestDaemon } from '../helpers/testGateway';

const TOKEN = 'test-token-1234';

/** Runs a command line in bash (asynchronously: the gateway answering it runs in this process). */
function bash(command: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('bash', ['-c', command], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    p.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`bash exited ${code}: ${err}`))));
  });
}

/** The answer with what differs between two runs of one request made equal: ids, timestamps. */
function comparable(text: string): string {
  return text
    .replace(/"gen-[\w-]+"/g, '"gen-ID"')
    .replace(/sfx_[a-z0-9]+/g, 'sfx_ID')
    .replace(/msg_[a-z0-9]+/g, 'msg_ID')
    .replace(/"created":\d+/g, '"created":0');
}

describe('gateway: the inspector\'s "Copy as curl", run by bash', () => {
  const { d } = useTestDaemon({ demo: true, token: TOKEN });

  const cases: { path: string; body: Record<string, unknown>; headers: Record<string, string> }[] = [
    { path: '/chat/completions', body: { model: 'demo/python-literals', stream: true, messages: [{ role: 'user', content: `It's "quoted", $HOME, \`ls\`, \\n` }] }, headers: { 'x-streamfix-mode': 'repair' } },
    { path: '/chat/completions', body: { model: 'demo/fenced-prose', stream: false, messages: [{ role: 'user', content: 'Ada' }] }, headers: {} },
    { path: '/messages', body: { model: 'demo/msg-tools', max_tokens: 200, stream: true, messages: [{ role: 'user', content: "Tools, it's 'quoted'" }] }, headers: { 'x-streamfix-mode': 'repair', 'x-api-key': 'sk-or-v1-client-key-0000' } },
    { path: '/messages', body: { model: 'demo/msg-text', max_tokens: 100, messages: [{ role: 'user', content: 'hi ü 🎉' }] }, headers: { 'anthropic-version': '2023-06-01' } },
  ];
  for (const c of cases) {
    it(`${c.path}, ${c.body.stream ? 'streaming' : 'not streaming'}: the copied command answers the same, with no key in it`, async () => {
      const res = await fetch(`${d.info.url}${c.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...c.headers },
        body: JSON.stringify(c.body),
      });
      assert.equal(res.status, 200);
      const first = await res.text();
      const id = res.headers.get('x-streamfix-request-id');
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Artifact;
      assert.deepEqual(a.request?.body, c.body);
      const curl = curlFor(a, `http://127.0.0.1:${d.info.port}`, true);
      assert.ok(curl, 'the artifact keeps its request');
      assert.equal(/sk-or|test-token/.test(curl), false, curl);
      const again = await bash(curl.replace(/^curl -N /, 'curl -N -sS --fail-with-body '), { STREAMFIX_TOKEN: TOKEN });
      assert.equal(comparable(again), comparable(first));
    });
  }
});
