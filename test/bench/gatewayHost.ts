/**
 * A process that serves one gateway (this tree's, bundled) and the bare proxy for the flags A/B
 * (gatewayFlagsAB.ts), which forks two of them with different Node/V8 options. Commands: `start`
 * (in front of an upstream; replies with both URLs), `cpu` (this process's CPU so far, µs: the main
 * thread's and the whole process's; and its resident memory, bytes), `exit`.
 */
import { readFileSync } from 'node:fs';
import { ArtifactStore, EventHub, GatewayMetrics, silentLogger, startGateway } from './abBase';
import { startBareProxy } from './bareProxy';

export type HostCommand = { cmd: 'start'; id: number; upstream: string } | { cmd: 'cpu'; id: number } | { cmd: 'exit' };
export type HostReply = { ready: true; upstream: string } | { id: number; error?: string; gateway?: string; bare?: string; main?: number; proc?: number; rss?: number };

/** CPU time of this process's main thread so far, µs (Linux: schedstat excludes V8's helper threads). */
function mainThreadUs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
}

async function main(): Promise<void> {
  let close = async () => undefined as void;
  const send = (m: HostReply) => process.send!(m);
  process.on('message', (m: HostCommand) => {
    if (m.cmd === 'exit') {
      void close().then(() => process.disconnect());
      return;
    }
    if (m.cmd === 'cpu') {
      const c = process.cpuUsage();
      return send({ id: m.id, main: mainThreadUs(), proc: c.user + c.system, rss: process.memoryUsage.rss() });
    }
    void (async () => {
      const store = await ArtifactStore.open({ dir: null });
      const events = new EventHub();
      const gateway = await startGateway({ port: 0, upstream: m.upstream, demo: false, apiKey: null, token: null, allowedOrigins: [], mode: 'auto', store, events, metrics: new GatewayMetrics(), log: silentLogger });
      const bare = await startBareProxy(m.upstream);
      close = async () => {
        await gateway.close(1000);
        await bare.close();
        events.close();
        await store.close();
      };
      send({ id: m.id, gateway: gateway.url, bare: bare.url });
    })().catch((e: Error) => send({ id: m.id, error: e.message }));
  });
  // the same first message as a load process (loadProcess.ts); the upstream comes with `start`
  send({ ready: true, upstream: '' });
}

void main();
