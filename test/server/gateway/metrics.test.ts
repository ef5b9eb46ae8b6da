import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayMetrics } from '../../../server/gateway/metrics';

/** Parses the Prometheus text format into `name{k="v",...}` (labels sorted) -> value. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `unparseable metrics line: ${line}`);
    const labels = m[2] ? [...m[2].matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => `${x[1]}="${x[2]}"`).sort() : [];
    out.set(labels.length ? `${m[1]}{${labels.join(',')}}` : m[1], Number(m[3]));
  }
  return out;
}

async function scrape(m: GatewayMetrics): Promise<Map<string, number>> {
  return parse(await m.registry.metrics());
}

describe('GatewayMetrics', () => {
  it('keeps repair counts cumulative across scrapes (they are added in when the counter is read)', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.onRepair('trailing_comma', 'demo/clean');
    assert.equal((await scrape(m)).get('streamfix_repairs_total{kind="trailing_comma",model="demo/clean"}'), 1);
    assert.equal((await scrape(m)).get('streamfix_repairs_total{kind="trailing_comma",model="demo/clean"}'), 1);
    m.onRepair('trailing_comma', 'demo/clean');
    m.onRepair('unclosed_string', 'demo/clean');
    const v = await scrape(m);
    assert.equal(v.get('streamfix_repairs_total{kind="trailing_comma",model="demo/clean"}'), 2);
    assert.equal(v.get('streamfix_repairs_total{kind="unclosed_string",model="demo/clean"}'), 1);
  });

  it('counts requests, repairs, reasoning bytes, truncations, malformed lines and upstream errors exactly', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.onRequest('demo/clean', 'repair', '200');
    m.onRequest('demo/clean', 'repair', '200');
    m.onRequest('demo/clean', 'strip', 'REPAIRED');
    m.onRequest('openai/gpt-4o', 'passthrough', 502);
    m.onRepair('trailing_comma', 'demo/clean');
    m.onRepair('trailing_comma', 'demo/clean');
    m.onRepair('unquoted_key', 'openai/gpt-4o');
    m.onReasoningBytes(120);
    m.onReasoningBytes(30);
    m.onTruncation('demo/truncated');
    m.onMalformedLine();
    m.onMalformedLine();
    m.onMalformedLine();
    m.onUpstreamError('429');
    m.onUpstreamError('connect_error');
    m.onUpstreamError('429');
    const v = await scrape(m);
    assert.equal(v.get('streamfix_requests_total{api="chat",mode="repair",model="demo/clean",status="200"}'), 2);
    assert.equal(v.get('streamfix_requests_total{api="chat",mode="strip",model="demo/clean",status="REPAIRED"}'), 1);
    assert.equal(v.get('streamfix_requests_total{api="chat",mode="passthrough",model="openai/gpt-4o",status="502"}'), 1);
    assert.equal(v.get('streamfix_repairs_total{kind="trailing_comma",model="demo/clean"}'), 2);
    assert.equal(v.get('streamfix_repairs_total{kind="unquoted_key",model="openai/gpt-4o"}'), 1);
    assert.equal(v.get('streamfix_reasoning_stripped_bytes_total'), 150);
    assert.equal(v.get('streamfix_truncations_total{model="demo/truncated"}'), 1);
    assert.equal(v.get('streamfix_upstream_malformed_lines_total'), 3);
    assert.equal(v.get('streamfix_upstream_errors_total{status="429"}'), 2);
    assert.equal(v.get('streamfix_upstream_errors_total{status="connect_error"}'), 1);
    assert.equal([...v.keys()].filter((k) => k.startsWith('streamfix_requests_total')).length, 3);
  });

  it('tracks open streams in a gauge', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.streamOpened();
    m.streamOpened();
    m.streamOpened();
    m.streamClosed();
    assert.equal((await scrape(m)).get('streamfix_active_streams'), 2);
  });

  it('puts time to first byte and added time per chunk in their buckets, down to 10 microseconds', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.observeTtfb(0.2);
    m.observeTtfb(3);
    m.observeAddedPerChunk(0.000004);
    m.observeAddedPerChunk(0.00002);
    m.observeAddedPerChunk(0.0008);
    m.observeAddedPerChunk(NaN); // ignored, like negative values
    m.observeAddedPerChunk(-1);
    const v = await scrape(m);
    assert.equal(v.get('streamfix_upstream_ttfb_seconds_bucket{le="0.1"}'), 0);
    assert.equal(v.get('streamfix_upstream_ttfb_seconds_bucket{le="0.25"}'), 1);
    assert.equal(v.get('streamfix_upstream_ttfb_seconds_bucket{le="5"}'), 2);
    assert.equal(v.get('streamfix_upstream_ttfb_seconds_count'), 2);
    assert.equal(v.get('streamfix_upstream_ttfb_seconds_sum'), 3.2);
    assert.equal(v.get('streamfix_added_seconds_per_chunk_bucket{le="0.00001"}'), 1);
    assert.equal(v.get('streamfix_added_seconds_per_chunk_bucket{le="0.000025"}'), 2);
    assert.equal(v.get('streamfix_added_seconds_per_chunk_bucket{le="0.0005"}'), 2);
    assert.equal(v.get('streamfix_added_seconds_per_chunk_bucket{le="0.001"}'), 3);
    assert.equal(v.get('streamfix_added_seconds_per_chunk_bucket{le="+Inf"}'), 3);
    assert.equal(v.get('streamfix_added_seconds_per_chunk_count'), 3);
  });

  it('caps distinct model names so a client cannot grow the label set, mapping the rest to "other"', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false, maxLabelValues: 2 });
    for (const model of ['a/one', 'b/two', 'c/three', 'd/four', 'a/one']) m.onRequest(model, 'repair', '200');
    m.onRepair('trailing_comma', 'z/new');
    m.onTruncation('b/two');
    const v = await scrape(m);
    assert.equal(v.get('streamfix_requests_total{api="chat",mode="repair",model="a/one",status="200"}'), 2);
    assert.equal(v.get('streamfix_requests_total{api="chat",mode="repair",model="b/two",status="200"}'), 1);
    assert.equal(v.get('streamfix_requests_total{api="chat",mode="repair",model="other",status="200"}'), 2);
    assert.equal(v.get('streamfix_repairs_total{kind="trailing_comma",model="other"}'), 1);
    assert.equal(v.get('streamfix_truncations_total{model="b/two"}'), 1);
    assert.equal([...v.keys()].filter((k) => k.startsWith('streamfix_requests_total')).length, 3);
  });

  it('cuts absurdly long label values and names empty ones "unknown"', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.onRequest('x'.repeat(500), 'repair', '');
    const v = await scrape(m);
    assert.equal(v.get(`streamfix_requests_total{api="chat",mode="repair",model="${'x'.repeat(120)}",status="unknown"}`), 1);
  });

  it('serves the text format over HTTP with process metrics, two registries side by side', async () => {
    const one = new GatewayMetrics();
    const two = new GatewayMetrics();
    one.onMalformedLine();
    const server = http.createServer((req, res) => void (req.url === '/one' ? one : two).handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const r1 = await fetch(`http://127.0.0.1:${port}/one`);
      const r2 = await fetch(`http://127.0.0.1:${port}/two`);
      assert.equal(r1.status, 200);
      assert.equal(r1.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const v1 = parse(await r1.text());
      const v2 = parse(await r2.text());
      assert.equal(v1.get('streamfix_upstream_malformed_lines_total'), 1);
      assert.equal(v2.get('streamfix_upstream_malformed_lines_total'), 0);
      assert.equal(v1.has('process_cpu_user_seconds_total'), true);
      assert.equal(v1.has('nodejs_heap_size_used_bytes'), true);
      assert.equal(v2.has('nodejs_eventloop_lag_seconds'), true);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('counts the artifact store\'s evictions in streamfix_artifacts_evicted_total, read at each scrape', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    let evicted = 0;
    m.watchStore(() => ({ evicted, durable: true, memoryOnly: null }), false);
    assert.equal((await scrape(m)).get('streamfix_artifacts_evicted_total'), 0);
    evicted = 8;
    assert.equal((await scrape(m)).get('streamfix_artifacts_evicted_total'), 8);
    assert.equal((await scrape(m)).get('streamfix_artifacts_evicted_total'), 8);
    // no data directory: no durability gauge (it would promise what the store never does)
    assert.equal((await scrape(m)).has('streamfix_store_durable'), false);
  });

  it('says whether the store keeps its artifacts on disk (streamfix_store_durable) and how many are in memory only, read at each scrape', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    let s: { evicted: number; durable: boolean; memoryOnly: { count: number } | null } = { evicted: 0, durable: true, memoryOnly: null };
    m.watchStore(() => s, true);
    const read = async () => {
      const got = await scrape(m);
      return [got.get('streamfix_store_durable'), got.get('streamfix_store_memory_only_artifacts')];
    };
    assert.deepEqual(await read(), [1, 0]);
    s = { evicted: 0, durable: false, memoryOnly: { count: 46 } };
    assert.deepEqual(await read(), [0, 46]);
    s = { evicted: 0, durable: true, memoryOnly: null };
    assert.deepEqual(await read(), [1, 0]);
  });
});
