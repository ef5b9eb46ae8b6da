/** Starting a daemon for tests (free port, silent, no disk, demo without delay) and talking to it. */
import { startDaemon, type Daemon, type DaemonOptions } from '../../../server/daemon';
import type { Artifact } from '../../../shared/protocol';

export async function startTestDaemon(o: DaemonOptions = {}): Promise<Daemon> {
  return startDaemon({
    port: 0,
    logLevel: 'silent',
    demoDelayMs: 0,
    dataDir: null,
    shutdownGraceMs: 1000,
    upstreamOptions: { backoffBaseMs: 1, random: () => 0.5, headersTimeoutMs: 5000 },
    ...o,
  });
}

export function postChat(d: Daemon, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(`${d.info.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

/** The artifact of a response, by its x-streamfix-request-id. The store is written before the stream ends. */
export async function artifactOf(d: Daemon, res: Response): Promise<Artifact> {
  const id = res.headers.get('x-streamfix-request-id');
  if (!id) throw new Error('response has no x-streamfix-request-id');
  const r = await fetch(`${d.info.url}/streamfix/result/${id}`);
  if (r.status !== 200) throw new Error(`artifact ${id}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as Artifact;
}

/** One sample's value from the Prometheus text, e.g. metric('streamfix_requests_total{model="m",mode="repair",status="VALID"}'). */
export async function metric(d: Daemon, series: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${d.info.port}/metrics`)).text();
  for (const line of text.split('\n')) {
    if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1));
  }
  return 0;
}
