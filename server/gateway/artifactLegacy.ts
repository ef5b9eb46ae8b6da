/**
 * Reads the store's first layout (one `<id>.json` file per artifact, written to a temp name and renamed)
 * so a data directory from an older StreamFix is migrated into the log on its first start: the caller
 * appends what this returns, then deletes the files.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Artifact } from '../../shared/protocol';

const FILE_FORMAT = 1;
const SUFFIX = '.json';
const TMP_MARK = '.tmp-';
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const LOAD_CONCURRENCY = 16;

export interface LegacyFiles {
  /** Artifacts read, oldest first. */
  artifacts: Artifact[];
  /** Every file of the old layout (read or not): deleted once the artifacts are in the log. */
  files: string[];
}

/** The old layout's artifacts in `dir`; damaged files are reported through `warn` and left out. */
export async function readLegacy(dir: string, names: string[], warn: (m: string) => void): Promise<LegacyFiles> {
  const files: string[] = [];
  const candidates: string[] = [];
  for (const name of names) {
    if (name.includes(SUFFIX + TMP_MARK)) files.push(path.join(dir, name)); // a write a crash interrupted
    else if (name.endsWith(SUFFIX) && ID_PATTERN.test(name.slice(0, -SUFFIX.length))) candidates.push(name);
  }
  const loaded: { seq: number; artifact: Artifact }[] = [];
  for (let i = 0; i < candidates.length; i += LOAD_CONCURRENCY) {
    const batch = candidates.slice(i, i + LOAD_CONCURRENCY);
    const read = await Promise.all(batch.map((name) => readOne(dir, name, warn)));
    batch.forEach((name, j) => {
      files.push(path.join(dir, name));
      const r = read[j];
      if (r) loaded.push(r);
    });
  }
  loaded.sort((a, b) => a.seq - b.seq);
  return { artifacts: loaded.map((l) => l.artifact), files };
}

async function readOne(dir: string, name: string, warn: (m: string) => void): Promise<{ seq: number; artifact: Artifact } | null> {
  const id = name.slice(0, -SUFFIX.length);
  let value: unknown;
  try {
    value = JSON.parse(await fsp.readFile(path.join(dir, name), 'utf8'));
  } catch (err) {
    warn(`skipped ${name} (old layout): corrupt or partial file (${(err as Error).message})`);
    return null;
  }
  const problem = checkStoredFile(value, id);
  if (problem) {
    warn(`skipped ${name} (old layout): ${problem}`);
    return null;
  }
  const v = value as { seq: number; artifact: Artifact };
  return { seq: v.seq, artifact: v.artifact };
}

/** Why `value` is not a stored artifact file for `id`, or null when it is one. */
function checkStoredFile(value: unknown, id: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (v.format !== FILE_FORMAT) return `unknown format ${JSON.stringify(v.format)}`;
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return 'missing sequence number';
  const a = v.artifact as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null) return 'missing artifact';
  if (a.id !== id) return `artifact id ${JSON.stringify(a.id)} does not match the file name`;
  for (const key of ['createdAt', 'model', 'mode', 'status'] as const) {
    if (typeof a[key] !== 'string') return `artifact field ${key} is missing`;
  }
  if (!Array.isArray(a.repairs)) return 'artifact field repairs is missing';
  const t = a.timings as Record<string, unknown> | null;
  if (typeof t !== 'object' || t === null || typeof t.totalMs !== 'number') return 'artifact field timings is missing';
  return null;
}
