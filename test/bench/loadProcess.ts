/**
 * A benchmark's load process (gatewayLoad.ts, storeLoad.ts): the upstream and the clients run in a
 * process of their own, so that their work does not count as the measured process's. Forked once per
 * benchmark; it first sends `{ ready: true, upstream }`, then answers each command `{ id, … }` with one
 * reply carrying the same id (and `error` when the command failed).
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

type IdReply = { id: number; error?: string };
type Ready = { ready: true; upstream: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class LoadProcess<Command extends { cmd: string }, Reply extends IdReply> {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly name: string,
    readonly upstream: string,
  ) {
    child.on('message', (m: Ready | Reply) => {
      if ('id' in m) {
        const fn = this.pending.get(m.id);
        this.pending.delete(m.id);
        fn?.(m);
      }
    });
  }

  /** Forks `<script>.js` beside this bundle (npm run bench), or `<script>.ts` through tsx from source;
   * `flags`: Node/V8 options of the child (gatewayFlagsAB.ts). */
  static async start<C extends { cmd: string }, R extends IdReply>(dir: string, script: string, flags: string[] = []): Promise<LoadProcess<C, R>> {
    const bundled = __filename.endsWith('.js');
    const child = fork(path.join(dir, `${script}.${bundled ? 'js' : 'ts'}`), [], {
      execArgv: [...(bundled ? [] : ['--import', 'tsx']), ...flags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const upstream = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: Ready | R) => ('ready' in m ? resolve(m.upstream) : reject(new Error(`${script}: unexpected first message`))));
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    });
    return new LoadProcess<C, R>(child, script, upstream);
  }

  /** Sends a command (its id is added) and resolves with the reply, or rejects with its error. */
  request(cmd: DistributiveOmit<Exclude<Command, { cmd: 'exit' }>, 'id'>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) => (r.error !== undefined ? reject(new Error(`${this.name}: ${r.error}`)) : resolve(r)));
      this.child.send({ ...cmd, id });
    });
  }

  async exit(): Promise<void> {
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.send({ cmd: 'exit' });
    await gone;
  }
}
