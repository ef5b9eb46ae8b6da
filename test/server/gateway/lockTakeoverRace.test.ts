import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCK_FILE } from '../../../server/gateway/artifacts';

const RACER = path.join(__dirname, 'fixtures', 'lockRacer.ts');
const RACERS = 6;
const ROUNDS = 10;

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Line-by-line reader of a racer's stdout. */
function lines(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: Array<{ resolve: (line: string) => void; reject: (err: Error) => void }> = [];
  let text = '';
  let exit: Error | null = null;
  child.once('exit', (code) => {
    exit = new Error(`racer exited with ${code}`);
    for (const w of waiting.splice(0)) w.reject(exit);
  });
  child.stdout!.on('data', (b: Buffer) => {
    text += b.toString();
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const line = text.slice(0, nl);
      text = text.slice(nl + 1);
      const w = waiting.shift();
      if (w) w.resolve(line);
      else queue.push(line);
    }
  });
  return () =>
    new Promise((resolve, reject) => {
      const line = queue.shift();
      if (line !== undefined) return resolve(line);
      if (exit !== null) return reject(exit);
      waiting.push({ resolve, reject });
    });
}

describe('Writer slots: daemons that find the same stale lock at once', function () {
  this.timeout(120_000);
  const racers: ChildProcess[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const c of racers) c.kill('SIGKILL');
    await Promise.all(racers.map(exited));
    await Promise.all(dirs.map((d) => fsp.rm(d, { recursive: true, force: true })));
  });

  it(`each takes a slot of its own (${RACERS} racers, ${ROUNDS} rounds): one of them takes over the stale lock and holds it, no two hold one slot`, async () => {
    const gone = spawn('sleep', ['30']);
    gone.kill('SIGKILL');
    await exited(gone);
    racers.push(...Array.from({ length: RACERS }, () => spawn(process.execPath, ['--import', 'tsx', RACER], { stdio: ['pipe', 'pipe', 'inherit'] })));
    const next = racers.map(lines);
    assert.deepEqual(await Promise.all(next.map((n) => n())), Array(RACERS).fill('ready'));
    for (let round = 0; round < ROUNDS; round++) {
      const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-lockrace-'));
      dirs.push(d);
      await fsp.writeFile(path.join(d, LOCK_FILE), `${gone.pid}\nproc:1\n`);
      const at = Date.now() + 300;
      for (const r of racers) r.stdin!.write(`${d} ${at}\n`);
      const answers = (await Promise.all(next.map((n) => n()))).map((l) => JSON.parse(l) as { writer?: number; tookOver?: string | null; why?: string });
      assert.deepEqual(answers.map((a) => a.writer).sort(), [1, 2, 3, 4, 5, 6], `round ${round}: ${JSON.stringify(answers)}`);
      assert.deepEqual(answers.filter((a) => a.tookOver !== null).map((a) => [a.writer, a.tookOver]), [[1, `took over ${LOCK_FILE} in ${d}: pid ${gone.pid} is gone`]], `round ${round}`);
      // each slot's lock names the racer that says it holds it; no takeover leftovers
      for (let i = 0; i < RACERS; i++) {
        const file = answers[i]!.writer === 1 ? LOCK_FILE : `daemon-${answers[i]!.writer}.lock`;
        assert.equal(Number.parseInt(await fsp.readFile(path.join(d, file), 'utf8'), 10), racers[i]!.pid, `round ${round}: ${file}`);
      }
      assert.deepEqual((await fsp.readdir(d)).sort(), ['daemon-2.lock', 'daemon-3.lock', 'daemon-4.lock', 'daemon-5.lock', 'daemon-6.lock', LOCK_FILE], `round ${round}`);
    }
  });
});
