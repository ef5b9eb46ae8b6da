import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore } from '../../../server/gateway/artifacts';
import { makeArtifact } from './fixtures/artifactFixture';
import { recordSizes } from './fixtures/logBytes';

const WRITER = path.join(__dirname, 'fixtures', 'artifactWriter.ts');
const SEGMENT = 'artifacts-00000001.log';
const ids = (s: ArtifactStore) => s.list().map((a) => a.id);
const name = (i: number) => makeArtifact(i).id;

describe('ArtifactStore recovery', () => {
  const dirs: string[] = [];
  async function dirWith(n: number, size = 500): Promise<{ d: string; file: string; sizes: number[] }> {
    const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-recover-'));
    dirs.push(d);
    const store = await ArtifactStore.open({ dir: d });
    await Promise.all(Array.from({ length: n }, (_, i) => store.put(makeArtifact(i, size))));
    await store.close();
    const file = path.join(d, SEGMENT);
    return { d, file, sizes: recordSizes(await fsp.readFile(file)) };
  }
  after(async () => {
    for (const d of dirs) await fsp.rm(d, { recursive: true, force: true });
  });

  it('cuts a torn tail (a record a crash cut short), keeps every whole record and says so', async () => {
    const { d, file, sizes } = await dirWith(3);
    const whole = sizes.reduce((a, b) => a + b, 0);
    const first = (await fsp.readFile(file)).subarray(0, sizes[0]);
    await fsp.appendFile(file, first.subarray(0, 100));
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(store), [2, 1, 0].map(name));
    assert.deepEqual(store.warnings, [`recovery: ${SEGMENT} ended in 100 bytes of an unfinished write (a crash); cut at offset ${whole}`]);
    assert.equal((await fsp.stat(file)).size, whole);
    for (let i = 0; i < 3; i++) assert.deepEqual(await store.get(name(i)), makeArtifact(i, 500));
    // appends go to a new segment, never behind the cut
    await store.put(makeArtifact(3));
    await store.close();
    assert.deepEqual((await fsp.readdir(d)).sort(), [SEGMENT, 'artifacts-00000002.log']);
  });

  it('takes a tail of zeros (the preallocated end of a segment) as free space: cut to the used length, no warning', async () => {
    const { d, file, sizes } = await dirWith(2);
    await fsp.appendFile(file, Buffer.alloc(4096));
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(store), [1, 0].map(name));
    assert.deepEqual(store.warnings, []);
    assert.equal((await fsp.stat(file)).size, sizes[0] + sizes[1]);
    await store.close();
  });

  it('skips a record whose checksum does not match and keeps the records after it', async () => {
    const { d, file, sizes } = await dirWith(3);
    const buf = await fsp.readFile(file);
    buf[sizes[0] + 40] ^= 0x01; // one bit in the second record's body
    await fsp.writeFile(file, buf);
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(store), [name(2), name(0)]);
    assert.deepEqual(store.warnings, [`recovery: ${SEGMENT}: record at offset ${sizes[0]} skipped (checksum mismatch: ${sizes[1]} bytes)`]);
    assert.deepEqual(await store.get(name(2)), makeArtifact(2, 500));
    await store.close();
  });

  it('skips a damaged header in the middle (no length to trust) up to the next whole record', async () => {
    const { d, file, sizes } = await dirWith(4);
    const buf = await fsp.readFile(file);
    buf.writeUInt32LE(0xdeadbeef, sizes[0] + 4); // the second record's length: impossible
    buf.writeUInt32LE(0x100, sizes[0] + sizes[1] + 4); // the third's: plausible, wrong
    await fsp.writeFile(file, buf);
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(store), [name(3), name(0)]);
    // two damaged records in a row: one damaged range, up to the next record that checks
    assert.deepEqual(store.warnings, [`recovery: ${SEGMENT}: ${sizes[1] + sizes[2]} damaged bytes skipped at offset ${sizes[0]} (impossible record length)`]);
    assert.equal((await fsp.stat(file)).size, buf.length, 'nothing cut: the damage was not at the end');
    await store.close();
  });

  it('cuts a damaged last record as a torn tail, saying what it found', async () => {
    const { d, file, sizes } = await dirWith(2);
    const buf = await fsp.readFile(file);
    buf.writeUInt32LE(0xdeadbeef, sizes[0]);
    await fsp.writeFile(file, buf);
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(store), [name(0)]);
    assert.deepEqual(store.warnings, [
      `recovery: ${SEGMENT}: no record header at offset ${sizes[0]}`,
      `recovery: ${SEGMENT} ended in ${sizes[1]} bytes of an unfinished write (a crash); cut at offset ${sizes[0]}`,
    ]);
    await store.close();
  });

  /** A directory holding `bytes` as its one segment. */
  async function dirOf(bytes: Buffer): Promise<string> {
    const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-recover-'));
    dirs.push(d);
    await fsp.writeFile(path.join(d, SEGMENT), bytes);
    return d;
  }

  it('a tail torn at every byte of the last record: the whole records kept, the cut said exactly, appends after it readable', async function () {
    this.timeout(120_000);
    const { file, sizes } = await dirWith(3, 1);
    const whole = await fsp.readFile(file);
    const keep = sizes[0] + sizes[1];
    for (let c = 0; c <= sizes[2]; c++) {
      const d = await dirOf(whole.subarray(0, keep + c));
      const store = await ArtifactStore.open({ dir: d, preallocBytes: 0 });
      const kept = c === sizes[2] ? [2, 1, 0] : [1, 0];
      assert.deepEqual(ids(store), kept.map(name), `cut after ${c} bytes`);
      for (const i of kept) assert.deepEqual(await store.get(name(i)), makeArtifact(i, 1));
      // the torn bytes up to the last one that is not zero (zeros after it are free space)
      let torn = c;
      while (c < sizes[2] && torn > 0 && whole[keep + torn - 1] === 0) torn--;
      assert.deepEqual(store.warnings, c === 0 || c === sizes[2] ? [] : [`recovery: ${SEGMENT} ended in ${torn} bytes of an unfinished write (a crash); cut at offset ${keep}`], `cut after ${c} bytes`);
      assert.equal((await fsp.stat(path.join(d, SEGMENT))).size, c === sizes[2] ? keep + c : keep);
      if (c % 97 === 1) {
        // a record appended after the cut is read back after the next start, with no warning
        await store.put(makeArtifact(7, 1));
        await store.close();
        const again = await ArtifactStore.open({ dir: d, preallocBytes: 0 });
        assert.deepEqual(ids(again), [7, ...kept].map(name));
        assert.deepEqual(again.warnings, []);
        await again.close();
      } else await store.close();
      await fsp.rm(d, { recursive: true, force: true });
    }
  });

  it('a bit flipped in each header byte and in bytes spread over the body of a middle record: that record skipped, never returned changed, its neighbours kept', async function () {
    this.timeout(120_000);
    const { file, sizes } = await dirWith(3, 1);
    const whole = await fsp.readFile(file);
    const at = sizes[0];
    // what the scan says, by the field the flipped byte is in (bit b % 8 of byte b)
    const skipped = (why: string) => `recovery: ${SEGMENT}: ${sizes[1]} damaged bytes skipped at offset ${at} (${why})`;
    const expected = (b: number): string => {
      if (b < 4) return skipped('no record header'); // the magic
      if (b === 4) return skipped('checksum mismatch'); // the body length, one more: a record that does not check
      if (b === 5 || b === 6) return skipped('length past the next record'); // longer: runs into the next record
      if (b === 7 || b === 10 || b === 11) return skipped('impossible record length'); // over 1 GiB, or a summary longer than the body
      return `recovery: ${SEGMENT}: record at offset ${at} skipped (checksum mismatch: ${sizes[1]} bytes)`; // summary length's low bytes, the checksum, the body
    };
    const bytes = [...Array.from({ length: 16 }, (_, i) => i), ...Array.from({ length: 24 }, (_, i) => 16 + Math.floor((i * (sizes[1] - 17)) / 23))];
    assert.equal(bytes[bytes.length - 1], sizes[1] - 1);
    for (const b of bytes) {
      const buf = Buffer.from(whole);
      buf[at + b] ^= 1 << (b % 8);
      const d = await dirOf(buf);
      const store = await ArtifactStore.open({ dir: d, preallocBytes: 0 });
      assert.deepEqual(ids(store), [name(2), name(0)], `byte ${b}`);
      assert.deepEqual(store.warnings, [expected(b)], `byte ${b}`);
      assert.deepEqual(await store.get(name(2)), makeArtifact(2, 1));
      assert.equal(await store.get(name(1)), undefined);
      await store.close();
      await fsp.rm(d, { recursive: true, force: true });
    }
  });

  it('reports a record damaged after start-up when it is read, instead of returning garbage', async () => {
    const { d, file, sizes } = await dirWith(2);
    const store = await ArtifactStore.open({ dir: d });
    const buf = await fsp.readFile(file);
    buf[sizes[0] + sizes[1] - 3] ^= 0x20;
    await fsp.writeFile(file, buf);
    assert.equal(await store.get(name(1)), undefined);
    assert.deepEqual(store.warnings, [`could not read artifact ${name(1)}: ${SEGMENT}: the record at offset ${sizes[0]} is damaged (checksum mismatch)`]);
    assert.deepEqual(await store.get(name(0)), makeArtifact(0, 500));
    await store.close();
  });

  describe('kill -9 of a writing process', () => {
    /** Runs the writer child until `min` artifacts are durable, SIGKILLs it, returns the indexes reported durable. */
    async function writeAndKill(d: string, min: number, size: number, preallocBytes?: number): Promise<Set<number>> {
      const args = ['--import', 'tsx', WRITER, d, String(size), ...(preallocBytes === undefined ? [] : [String(preallocBytes)])];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const durable = new Set<number>();
      let buffered = '';
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          buffered += b.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines) {
            const m = /^durable (\d+)$/.exec(line);
            if (!m) return reject(new Error(`unexpected writer output: ${line}`));
            durable.add(Number(m[1]));
          }
          if (durable.size >= min) resolve();
        });
        child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
      });
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      // lines already in the pipe when the kill landed are acknowledgements too
      for (const line of buffered.split('\n')) if (/^durable \d+$/.test(line)) durable.add(Number(line.slice(8)));
      return durable;
    }

    // the default zeros ahead (1 MiB: the whole 1 MiB segment at once), and 64 KiB, so that every 100 KB
    // record waits for an extension of its own and kills land between extensions and records
    for (const preallocBytes of [undefined, 65536]) {
      it(`keeps every artifact reported durable, intact, and recovers with at most a torn tail (zeros ahead: ${preallocBytes ?? 'default'})`, async function () {
        this.timeout(60000);
        await killAndCheck(preallocBytes);
      });
    }

    async function killAndCheck(preallocBytes: number | undefined): Promise<void> {
      const size = 100000;
      for (const min of [5, 40]) {
        const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-kill-'));
        dirs.push(d);
        const durable = await writeAndKill(d, min, size, preallocBytes);
        const store = await ArtifactStore.open({ dir: d, maxCount: 100000, maxBytes: 1024 * 1024 * 1024 });
        for (const w of store.warnings) {
          assert.match(w, /^(took over daemon\.lock in .*: pid \d+ is (gone|a zombie)|recovery: artifacts-\d{8}\.log ended in \d+ bytes of an unfinished write \(a crash\); cut at offset \d+|recovery: artifacts-\d{8}\.log: checksum mismatch at offset \d+)$/);
        }
        const present = new Set(store.list().map((s) => Number(s.id.slice('sfx_test'.length))));
        for (const i of durable) assert.equal(present.has(i), true, `artifact ${i} was reported durable and is missing`);
        for (const i of present) assert.deepEqual(await store.get(makeArtifact(i).id), makeArtifact(i, size), `artifact ${i}`);
        await store.close();
      }
    }
  });
});
