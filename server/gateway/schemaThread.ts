/**
 * The schema check thread's entry (schemaWorker.ts starts it; bundled as dist/schemaThread.js). It
 * compiles each schema through its own cache (its own ajv and RE2 instance: nothing is shared with the
 * event loop's thread), validates the JSON text without a budget, answers the verdict or why the check
 * could not run, and frees its compiled expressions after each check so that the next starts with an
 * empty RE2 heap.
 */
import { parentPort } from 'node:worker_threads';
import { PatternEngineFailed, re2Engine } from './re2Engine';
import { notRunReason, SchemaCache } from './schema';
import type { ThreadJob, ThreadReply } from './schemaWorker';

const port = parentPort!;
const cache = new SchemaCache();

function check(job: ThreadJob): ThreadReply {
  try {
    const validate = cache.compile(job.schema, 'the schema');
    const valid = validate(JSON.parse(job.text)) as boolean;
    return { id: job.id, verdict: { valid, errors: valid ? [] : (validate.errors ?? []) } };
  } catch (e) {
    // re2-wasm aborts "Cannot enlarge memory arrays … (OOM)" when its 16 MB heap runs out
    if (e instanceof PatternEngineFailed && /\(OOM\)/.test(e.reason)) return { id: job.id, error: `the pattern engine (RE2) ran out of its 16 MB heap on pattern "${e.pattern}"`, memory: true };
    return { id: job.id, error: notRunReason(e) ?? `the schema check could not run: ${(e as Error).message}`, memory: false };
  } finally {
    re2Engine.clear();
  }
}

port.on('message', (job: ThreadJob) => port.postMessage(check(job)));
port.postMessage({ ready: true } satisfies ThreadReply);
