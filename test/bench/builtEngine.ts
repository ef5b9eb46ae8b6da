/**
 * What the engine bench tools that load a built bundle by path (engineInstr.ts, engineAB.ts) share: the
 * engine's shape as they use it, and the corpus run that puts V8 in a long-running daemon's state.
 */
import { buildCorpus, heldOutCorpus, heldOutSeed } from './corpus';
import { chunked } from './docs';

export type Engine = {
  repairJson(text: string): { status: string; json: string | null };
  createStreamRepairer(): { push(chunk: string): unknown; view(): string | null; end(): { json: string | null } };
};

/** Every corpus and held-out case through `e`, one-shot and in 16-character chunks: the bench's "after the
 * corpus run" state (a long-running daemon that has seen varied input). */
export function runCorpus(e: Engine): void {
  for (const c of [...buildCorpus(), ...heldOutCorpus(heldOutSeed())]) {
    try {
      e.repairJson(c.input);
      const s = e.createStreamRepairer();
      for (const chunk of chunked(c.input)) s.push(chunk);
      s.end();
    } catch {
      // a case may throw (a limit); what it taught V8 stays
    }
  }
}
