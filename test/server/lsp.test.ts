/**
 * The language server at node level: the BUILT daemon (`dist/main.js --stdio --demo`) as a child
 * process, spoken to over stdio with vscode-languageserver-protocol's connection.
 */
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/lsp/codeActions';
import {
  GatewayInfoMethod,
  GetArtifactMethod,
  ListArtifactsMethod,
  RepairRequestMethod,
} from '../../shared/protocol';
import type { Artifact, ArtifactSummary, GatewayEvent, GatewayInfo } from '../../shared/protocol';
import type { RepairResult } from '../../shared/engine/types';
import type { LspHarness } from './lsp/harness';
import { startLsp } from './lsp/harness';

/** A diagnostic as one comparable line: `code line:col-line:col message`. */
const brief = (d: Diagnostic): string =>
  `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

/** Offsets of a text's line starts, to apply LSP edits without an editor. */
function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }): number => starts[p.line]! + p.character;
  return applyEdits(text, edits.map((e) => ({ offset: off(e.range.start), length: off(e.range.end) - off(e.range.start), replacement: e.newText })));
}

function editsOf(action: CodeAction, uri: string, version: number): TextEdit[] {
  const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.ok(changes && changes.length === 1, 'expected one versioned document edit');
  assert.deepEqual(changes[0]!.textDocument, { uri, version });
  return changes[0]!.edits as TextEdit[];
}

describe('language server (daemon over stdio)', function () {
  let lsp: LspHarness;
  let n = 0;

  before(async () => {
    lsp = await startLsp();
  });

  after(async () => {
    const code = await lsp.stop();
    assert.equal(code, 0, `daemon exit code; stderr: ${lsp.stderr()}`);
  });

  async function open(text: string, languageId = 'json'): Promise<{ uri: string; diags: PublishDiagnosticsParams }> {
    const uri = `file:///tmp/streamfix-lsp-${++n}.${languageId === 'jsonc' ? 'jsonc' : 'json'}`;
    await lsp.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const diags = await lsp.diagnostics.wait((p) => p.uri === uri && p.version === 1);
    return { uri, diags };
  }

  function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return lsp.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  it('announces incremental sync and quick fix / fix-all code actions', () => {
    assert.deepEqual(lsp.init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll'] });
    assert.equal(lsp.init.capabilities.textDocumentSync, 2);
  });

  it('reports one diagnostic per repair with the repair message, kind and exact range', async () => {
    const text = '{\n  name: \'Ada\',\n  "langs": ["en", "fr",],\n  "active": True\n}\n';
    const { diags } = await open(text);
    assert.deepEqual(diags.diagnostics.map(brief), [
      'unquoted_key 1:2-1:6 Unquoted key quoted',
      'single_quotes 1:8-1:9 Single quotes replaced by double quotes',
      'single_quotes 1:12-1:13 Single quotes replaced by double quotes',
      'trailing_comma 2:22-2:23 Trailing comma removed',
      'python_literal 3:12-3:16 Python/JavaScript literal replaced by its JSON spelling',
    ]);
    assert.ok(diags.diagnostics.every((d) => d.source === 'streamfix' && d.severity === 2));
  });

  it('fixes both quotes of a single-quoted string from either quote\'s diagnostic', async () => {
    const text = "{\"a\": 'x', \"b\": 'y'}";
    const { uri, diags } = await open(text);
    assert.deepEqual(diags.diagnostics.map((d) => d.code), ['single_quotes', 'single_quotes', 'single_quotes', 'single_quotes']);
    for (const d of diags.diagnostics.slice(0, 2)) {
      const [fix] = await codeActions(uri, [d]);
      assert.equal(fix!.title, 'Fix: Single quotes replaced by double quotes');
      assert.equal(applyTextEdits(text, editsOf(fix!, uri, 1)), "{\"a\": \"x\", \"b\": 'y'}");
    }
  });

  it('shows a missing comma (an insertion) on the token before the insertion point', async () => {
    const { diags } = await open('{"a": 1 "b": 2}');
    assert.deepEqual(diags.diagnostics.map(brief), ['missing_comma 0:6-0:7 Missing comma inserted']);
  });

  it('reports a failed repair as one error, but nothing for an empty file', async () => {
    const { diags } = await open('hello there');
    assert.deepEqual(diags.diagnostics.map(brief), ['NO_JSON 0:10-0:11 No JSON value found in the input']);
    assert.equal(diags.diagnostics[0]!.severity, 1);
    assert.deepEqual((await open('  \n')).diags.diagnostics, []);
  });

  it('reports prose and fences around the JSON in a .json file, one per stripped span', async () => {
    const { diags } = await open('Here you go:\n```json\n{"a": 1}\n```\n');
    assert.deepEqual(diags.diagnostics.map(brief), [
      'prose 0:0-0:12 Text before the JSON value is not JSON',
      'fence 1:0-2:0 Markdown fence around the JSON value is not JSON',
      'fence 3:0-3:3 Markdown fence around the JSON value is not JSON',
    ]);
  });

  it('reports a value the text corrects later as a draft, and the whole-document repair gives the correction', async () => {
    const text = '{"a": 1}\nNo wait, that is wrong: {\'a\': 2}\n';
    const { uri, diags } = await open(text);
    assert.deepEqual(diags.diagnostics.map(brief), [
      'draft 0:0-0:8 The text corrects this JSON value later: it is left out, the correction is the answer',
      'prose 1:0-1:23 Text before the JSON value is not JSON',
      'single_quotes 1:25-1:26 Single quotes replaced by double quotes',
      'single_quotes 1:27-1:28 Single quotes replaced by double quotes',
    ]);
    const actions = await codeActions(uri, diags.diagnostics, ['source.fixAll']);
    assert.equal(applyTextEdits(text, editsOf(actions[0]!, uri, 1)), '{"a": 2}\n');
  });

  it('in jsonc leaves comments and trailing commas alone but reports other repairs', async () => {
    const text = '{\n  // the answer\n  "a": 1,\n  b: [1, 2,],\n}\n';
    const { uri, diags } = await open(text, 'jsonc');
    assert.deepEqual(diags.diagnostics.map(brief), ['unquoted_key 3:2-3:3 Unquoted key quoted']);
    const actions = await codeActions(uri, diags.diagnostics, ['source.fixAll']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Repair whole document (1 fix)', 'source.fixAll.streamfix']]);
    assert.equal(applyTextEdits(text, editsOf(actions[0]!, uri, 1)), '{\n  // the answer\n  "a": 1,\n  "b": [1, 2,],\n}\n');
  });

  it('offers a quick fix per diagnostic that edits exactly its range, and a whole-document repair', async () => {
    const text = '{"a": [1, 2,], b: None}\n';
    const { uri, diags } = await open(text);
    assert.deepEqual(diags.diagnostics.map((d) => d.code), ['trailing_comma', 'unquoted_key', 'python_literal']);
    const actions = await codeActions(uri, [diags.diagnostics[0]!]);
    assert.deepEqual(actions.map((a) => a.title), ['Fix: Trailing comma removed', 'Repair whole document (3 fixes)']);
    const one = editsOf(actions[0]!, uri, 1);
    assert.deepEqual(one, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 12 } }, newText: '' }]);
    assert.equal(applyTextEdits(text, one), '{"a": [1, 2], b: None}\n');
    const whole = editsOf(actions[1]!, uri, 1);
    assert.deepEqual(whole, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '{"a": [1, 2], "b": null}\n' }]);
    // source.fixAll is listed only when asked for
    assert.equal(actions.some((a) => a.kind === 'source.fixAll.streamfix'), false);
  });

  it('fixes a truncated tail with one quick fix that closes everything', async () => {
    const text = '{"items": [{"id": 1, "name": "Wid';
    const { uri, diags } = await open(text);
    assert.ok(diags.diagnostics.length >= 2, diags.diagnostics.map(brief).join('\n'));
    for (const d of diags.diagnostics) {
      const [fix] = await codeActions(uri, [d]);
      assert.equal(applyTextEdits(text, editsOf(fix!, uri, 1)), '{"items": [{"id": 1, "name": "Wid"}]}');
    }
  });

  it('re-checks after edits, debounced: only the latest version is published', async () => {
    // A debounce far longer than the gap between the two changes below, even on a loaded machine.
    lsp.settings = { ...lsp.settings, debounceMs: 500 };
    const { uri } = await open('[1, 2]');
    lsp.settings = { ...lsp.settings, debounceMs: 30 };
    const from = lsp.diagnostics.items.length;
    await lsp.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: ',' }],
    });
    await lsp.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, text: ' 3,' }],
    });
    const p = await lsp.diagnostics.wait((d) => d.uri === uri, from);
    assert.equal(p.version, 3);
    assert.deepEqual(p.diagnostics.map(brief), ['trailing_comma 0:8-0:9 Trailing comma removed']);
  });

  it('publishes at most 1000 diagnostics and says how many more there are', async () => {
    const text = '[' + '1,'.repeat(1200) + ']'; // 1200 commas: the last one is trailing, the others fine
    const many = '[' + Array.from({ length: 1200 }, (_, i) => `{k${i}: 1}`).join(', ') + ']';
    assert.equal((await open(text)).diags.diagnostics.length, 1);
    const { diags } = await open(many);
    assert.equal(diags.diagnostics.length, 1001);
    assert.deepEqual(diags.diagnostics[0]!.code, 'unquoted_key');
    assert.equal(diags.diagnostics[1000]!.message, '200 more repairs are not shown; "Repair whole document" fixes them all');
    assert.equal(diags.diagnostics[1000]!.severity, 3);
  });

  it('checks a 5 MB broken file in slices: the gateway in the same process answers meanwhile', async function () {
    this.timeout(60_000);
    const info = await lsp.conn.sendRequest<GatewayInfo>(GatewayInfoMethod);
    // ~1.1 million repairs: one synchronous check held the daemon's event loop for 1-2 s
    const big = '[' + Array.from({ length: 71_000 }, (_, i) => `{id: ${i}, 'name': 'item ${i}', ok: True, v: None, tags: ['a','b',],}`).join(',\n') + ']';
    const uri = `file:///tmp/streamfix-lsp-${++n}.json`;
    let published = false;
    const diags = lsp.diagnostics.wait((p) => p.uri === uri && p.version === 1).then((p) => {
      published = true;
      return p;
    });
    await lsp.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: big } });
    // health requests one after another until the diagnostics arrive: answered while the check runs
    let during = 0;
    while (!published) {
      const res = await fetch(info.url.replace(/\/v1$/, '/health'));
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      if (!published) during++;
    }
    const p = await diags;
    assert.equal(p.diagnostics.length, 1001);
    assert.equal(p.diagnostics[1000]!.message, '1135000 more repairs are not shown; "Repair whole document" fixes them all');
    assert.ok(during >= 5, `the gateway answered ${during} requests while the file was checked`);
  });

  it('clears the diagnostics when the document closes', async () => {
    const { uri, diags } = await open('[1,]');
    assert.equal(diags.diagnostics.length, 1);
    const from = lsp.diagnostics.items.length;
    await lsp.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const p = await lsp.diagnostics.wait((d) => d.uri === uri, from);
    assert.deepEqual(p.diagnostics, []);
  });

  it('reads settings through workspace/configuration and re-reads them on change', async () => {
    const { uri } = await open('[1,]');
    const asked = lsp.configurationRequests;
    lsp.settings = { enable: false, debounceMs: 30 };
    const from = lsp.diagnostics.items.length;
    await lsp.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await lsp.diagnostics.wait((d) => d.uri === uri, from);
    assert.deepEqual(p.diagnostics, []);
    assert.ok(lsp.configurationRequests > asked);
    lsp.settings = { enable: true, debounceMs: 30 };
    await lsp.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const back = await lsp.diagnostics.wait((d) => d.uri === uri && d.diagnostics.length === 1, from);
    assert.equal(back.diagnostics[0]!.code, 'trailing_comma');
  });

  it('answers streamfix/repair with the engine result, and a typed error for bad params', async () => {
    const r = await lsp.conn.sendRequest<RepairResult>(RepairRequestMethod, { text: "{'a': True,}" });
    assert.equal(r.status, 'REPAIRED');
    assert.equal(r.json, '{"a": true}');
    assert.deepEqual(r.repairs.map((x) => x.kind), ['single_quotes', 'single_quotes', 'python_literal', 'trailing_comma']);
    // a whole selection: a value the text corrects later is replaced by the correction
    const c = await lsp.conn.sendRequest<RepairResult>(RepairRequestMethod, { text: '{"a": 1}\nNo wait, that is wrong: {"a": 2}' });
    assert.deepEqual([c.status, c.json, c.stripped.map((s) => [s.kind, s.text])], ['VALID', '{"a": 2}', [['draft', '{"a": 1}'], ['prose', 'No wait, that is wrong:']]]);
    await assert.rejects(lsp.conn.sendRequest(RepairRequestMethod, { text: 42 }), (err: unknown) =>
      err instanceof ResponseError && err.code === ErrorCodes.InvalidParams && err.message === 'streamfix/repair needs { text: string }');
    await assert.rejects(lsp.conn.sendRequest(ListArtifactsMethod, { limit: 0 }), (err: unknown) =>
      err instanceof ResponseError && err.code === ErrorCodes.InvalidParams && err.message === 'streamfix/listArtifacts: limit must be an integer from 1 to 1000');
  });

  it('forwards gateway events and serves the artifact of a request made over HTTP', async () => {
    const info = await lsp.conn.sendRequest<GatewayInfo>(GatewayInfoMethod);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(info.demo, true);
    assert.equal(info.token, null);
    // the store's state as it is when asked (this daemon keeps none on disk: no problem)
    assert.equal(info.storeProblem, null);
    const from = lsp.events.items.length;
    const res = await fetch(`${info.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'demo/python-literals', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'x' }] }),
    });
    assert.equal(res.status, 200);
    const id = res.headers.get('x-streamfix-request-id')!;
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    const repaired = '{"user": "grace", "admin": true, "suspended": false, "manager": null, "scores": [98, 87.5]}';
    assert.equal(body.choices[0]!.message.content, repaired);

    const finished = await lsp.events.wait((e) => e.type === 'finished' && e.id === id, from);
    const mine = lsp.events.items.slice(from).filter((e) => e.id === id);
    assert.deepEqual(mine.map((e) => e.type), ['started', ...Array(16).fill('repair'), 'finished']);
    assert.equal((mine[0] as Extract<GatewayEvent, { type: 'started' }>).model, 'demo/python-literals');
    assert.equal((finished as Extract<GatewayEvent, { type: 'finished' }>).status, 'REPAIRED');

    const list = await lsp.conn.sendRequest<ArtifactSummary[]>(ListArtifactsMethod, { limit: 5 });
    assert.equal(list[0]!.id, id);
    assert.equal(list[0]!.status, 'REPAIRED');
    // the query is the daemon's, over every artifact it keeps: this one is found by status, model and mode
    const all = await lsp.conn.sendRequest<ArtifactSummary[]>(ListArtifactsMethod, { limit: 1000 });
    const matching = (q: Partial<ArtifactSummary>) => all.filter((s) => Object.entries(q).every(([k, v]) => s[k as keyof ArtifactSummary] === v)).map((s) => s.id);
    for (const q of [{ status: 'REPAIRED' }, { model: 'demo/python-literals', mode: 'repair' }, { status: 'VALID' }, { status: 'TEXT', mode: 'strip' }] as const) {
      assert.deepEqual((await lsp.conn.sendRequest<ArtifactSummary[]>(ListArtifactsMethod, { limit: 1000, ...q })).map((s) => s.id), matching(q), JSON.stringify(q));
    }
    assert.deepEqual((await lsp.conn.sendRequest<ArtifactSummary[]>(ListArtifactsMethod, { limit: 1, model: 'demo/python-literals', status: 'REPAIRED' })).map((s) => s.id), [id]);
    await assert.rejects(lsp.conn.sendRequest(ListArtifactsMethod, { limit: 5, status: 'repaired' }), (err: unknown) =>
      err instanceof ResponseError && err.code === ErrorCodes.InvalidParams &&
      err.message === 'streamfix/listArtifacts: status must be one of VALID, REPAIRED, TRUNCATED, FAILED, TEXT, EMPTY, PASSTHROUGH, UPSTREAM_ERROR, CLIENT_ABORTED, got "repaired"');
    await assert.rejects(lsp.conn.sendRequest(ListArtifactsMethod, { limit: 5, model: 42 }), (err: unknown) =>
      err instanceof ResponseError && err.code === ErrorCodes.InvalidParams && err.message === 'streamfix/listArtifacts: model must be a model name of 1 to 256 characters, got 42');
    const artifact = await lsp.conn.sendRequest<Artifact | null>(GetArtifactMethod, { id });
    assert.equal(artifact!.id, id);
    assert.equal(artifact!.repairedContent, repaired);
    assert.equal(artifact!.rawContent, "{'user': 'grace', 'admin': True, 'suspended': False, 'manager': None, 'scores': [98, 87.5,]}");
    assert.equal(await lsp.conn.sendRequest(GetArtifactMethod, { id: 'sfx_unknown' }), null);
  });
});
