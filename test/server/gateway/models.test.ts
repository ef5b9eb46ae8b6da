/**
 * GET /v1/models and /v1/models/{id} for both client families: Anthropic clients (an `anthropic-version`
 * header: the Anthropic SDK, Claude Code's gateway model discovery `GET /v1/models?limit=1000`) get
 * Anthropic's shape with the routing table's names first; OpenAI clients the upstream's list as it is, and
 * one model by id. Before, an Anthropic client got OpenRouter's entries (no `type`, `display_name`,
 * `created_at`, no page fields) and `models.retrieve()` was a 404 "Unknown route" for every client.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import { useTestGateway } from '../helpers/testGateway';

const LIST = {
  data: [
    { id: 'anthropic/claude-sonnet-4.6', name: 'Anthropic: Claude Sonnet 4.6', created: 1758153600, context_length: 1000000 },
    { id: 'openai/gpt-4o-mini', name: 'OpenAI: GPT-4o-mini', created: 1721260800, context_length: 128000 },
    { id: 'deepseek/deepseek-r1', created: 1737331200 },
    { id: 'x/no-date', name: '' },
  ],
};
const LIST_TEXT = JSON.stringify(LIST);

const ROUTING = { models: { 'claude-sonnet-4-6': 'anthropic/claude-sonnet-4.6', 'claude-opus': 'deepseek/deepseek-r1' }, longContextThreshold: 60000, background: 'openai/gpt-4o-mini', default: 'anthropic/claude-sonnet-4.6' };

const ALL = [
  { type: 'model', id: 'claude-sonnet-4-6', display_name: 'claude-sonnet-4-6 → anthropic/claude-sonnet-4.6', created_at: '2025-09-18T00:00:00Z' },
  { type: 'model', id: 'claude-opus', display_name: 'claude-opus → deepseek/deepseek-r1', created_at: '2025-01-20T00:00:00Z' },
  { type: 'model', id: 'anthropic/claude-sonnet-4.6', display_name: 'Anthropic: Claude Sonnet 4.6', created_at: '2025-09-18T00:00:00Z' },
  { type: 'model', id: 'openai/gpt-4o-mini', display_name: 'OpenAI: GPT-4o-mini', created_at: '2024-07-18T00:00:00Z' },
  { type: 'model', id: 'deepseek/deepseek-r1', display_name: 'deepseek/deepseek-r1', created_at: '2025-01-20T00:00:00Z' },
  { type: 'model', id: 'x/no-date', display_name: 'x/no-date', created_at: '1970-01-01T00:00:00Z' },
];

describe('gateway: the model list and one model, for Anthropic and OpenAI clients', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', routing: ROUTING });
  beforeEach(() => {
    up.respond((r) => (r.path.endsWith('/models') ? { headers: { 'content-type': 'application/json' }, chunks: [LIST_TEXT] } : undefined));
  });
  afterEach(() => up.respond(null));
  const anthropic = () => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0 });
  const openai = () => new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', maxRetries: 0 });
  const get = async (path: string, anthropicVersion = true) => {
    const r = await request(`${d.info.url.replace(/\/v1$/, '')}${path}`, { headers: anthropicVersion ? { 'anthropic-version': '2023-06-01' } : {} });
    return { status: r.statusCode, body: (await r.body.json()) as Record<string, unknown>, id: r.headers['x-streamfix-request-id'] };
  };

  it('the Anthropic SDK lists every model in pages of 2 (the SDK follows has_more / last_id)', async () => {
    const seen: unknown[] = [];
    for await (const m of anthropic().models.list({ limit: 2 })) seen.push(m);
    assert.deepEqual(seen, ALL);
  });

  it("Claude Code's discovery request (limit=1000): one page, the routed names first", async () => {
    const r = await get('/v1/models?limit=1000');
    assert.deepEqual([r.status, r.body], [200, { data: ALL, has_more: false, first_id: 'claude-sonnet-4-6', last_id: 'x/no-date' }]);
  });

  it('pages by after_id and before_id; a bad query is a 400 in Anthropic\'s shape naming it', async () => {
    assert.deepEqual((await get('/v1/models?limit=2&after_id=claude-opus')).body, { data: ALL.slice(2, 4), has_more: true, first_id: 'anthropic/claude-sonnet-4.6', last_id: 'openai/gpt-4o-mini' });
    assert.deepEqual((await get('/v1/models?limit=3&before_id=deepseek/deepseek-r1')).body, { data: ALL.slice(1, 4), has_more: true, first_id: 'claude-opus', last_id: 'openai/gpt-4o-mini' });
    assert.deepEqual((await get('/v1/models?after_id=x/no-date')).body, { data: [], has_more: false, first_id: null, last_id: null });
    for (const [q, message] of [
      ['limit=0', 'limit: must be a whole number from 1 to 1000, got "0"'],
      ['limit=1001', 'limit: must be a whole number from 1 to 1000, got "1001"'],
      ['after_id=nope', 'after_id: no model "nope" in the list'],
      ['after_id=claude-opus&before_id=claude-opus', 'after_id, before_id: give one of them, not both'],
    ]) {
      const r = await get(`/v1/models?${q}`);
      assert.equal(r.status, 400, q);
      assert.deepEqual(r.body.error, { type: 'invalid_request_error', message });
      assert.equal(r.body.type, 'error');
    }
  });

  it('the Anthropic SDK retrieves a routed name, a name the default rule routes, an upstream id; an unknown one is NotFoundError', async () => {
    const a = anthropic();
    assert.deepEqual(await a.models.retrieve('claude-sonnet-4-6'), ALL[0]);
    assert.deepEqual(await a.models.retrieve('claude-sonnet-4-5-20250929'), { type: 'model', id: 'claude-sonnet-4-5-20250929', display_name: 'claude-sonnet-4-5-20250929 → anthropic/claude-sonnet-4.6', created_at: '2025-09-18T00:00:00Z' });
    assert.deepEqual(await a.models.retrieve('claude-haiku-4-5'), { type: 'model', id: 'claude-haiku-4-5', display_name: 'claude-haiku-4-5 → openai/gpt-4o-mini', created_at: '2024-07-18T00:00:00Z' });
    assert.deepEqual(await a.models.retrieve('openai/gpt-4o-mini'), ALL[3]);
    await assert.rejects(a.models.retrieve('nobody/nothing'), (e: unknown) => {
      assert.ok(e instanceof Anthropic.NotFoundError);
      assert.deepEqual((e.error as { error: unknown }).error, { type: 'not_found_error', message: 'model: no model "nobody/nothing" in the routing table or the upstream\'s list' });
      return true;
    });
  });

  it('OpenAI clients: the list as the upstream sent it; one model by id (encoded or as two segments); an unknown one is NotFoundError', async () => {
    const r = await request(`${d.info.url}/models`);
    assert.equal(await r.body.text(), LIST_TEXT);
    const o = openai();
    assert.deepEqual(await o.models.retrieve('openai/gpt-4o-mini'), LIST.data[1]);
    const two = await get('/v1/models/deepseek/deepseek-r1', false);
    assert.deepEqual([two.status, two.body], [200, LIST.data[2]]);
    await assert.rejects(o.models.retrieve('claude-sonnet-4-6'), (e: unknown) => e instanceof OpenAI.NotFoundError && /model: no model "claude-sonnet-4-6" in the upstream's list/.test(e.message));
  });

  it("an upstream error reaches an Anthropic client in Anthropic's shape, with the upstream's status and message", async () => {
    up.respond((r) => (r.path.endsWith('/models') ? { status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"No auth credentials found","code":401}}'] } : undefined));
    const r = await get('/v1/models');
    assert.deepEqual([r.status, r.body], [401, { type: 'error', error: { type: 'authentication_error', message: 'No auth credentials found' }, request_id: r.id }]);
    up.respond((r) => (r.path.endsWith('/models') ? { headers: { 'content-type': 'application/json' }, chunks: ['{"models": []}'] } : undefined));
    const bad = await get('/v1/models/claude-opus');
    assert.equal(bad.status, 529);
    assert.deepEqual(bad.body.error, { type: 'overloaded_error', message: 'The upstream\'s model list is not {"data": [...]}' });
  });
});
