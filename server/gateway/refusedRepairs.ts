/**
 * Repairs are counted as applied only in what the client got: a tool call the client did not get whole
 * (refused for cut arguments with x-streamfix-truncated-tools: reject, a /v1/messages input that is not
 * an object) and an answer refused or failed before any of it went out keep their repairs in the
 * artifact as `refusedRepairs`, so that repairCount (the `finished` event, the listing,
 * /v1/streamfix/models) agrees with the `repair` events and streamfix_repairs_total, which never see them.
 */
import type { ArtifactCut, ToolCallArtifact } from '../../shared/protocol';
import type { LaterChoice, RecordOutcome } from './record';

/** `calls` with the repairs of those `refused` says were not delivered moved to `refusedRepairs`. */
export function refuseCalls(calls: ToolCallArtifact[], refused: (index: number) => boolean): ToolCallArtifact[] {
  return calls.map((t) => (refused(t.index) && t.repairs.length > 0 ? { ...t, repairs: [], refusedRepairs: t.repairs } : t));
}

/** A cut of a moved list names the list it is in now (`toolCalls[0].repairs` → `…refusedRepairs`). */
function movedCuts(cuts: ArtifactCut[] | undefined, moved: (field: string) => boolean): ArtifactCut[] | undefined {
  return cuts?.map((c) => ('entries' in c && moved(c.field) ? { ...c, field: c.field.replace(/repairs$/, 'refusedRepairs') } : c));
}

/** The choice with the repairs of its calls that `refused` names moved (streaming: the content and the
 * calls delivered whole keep theirs). */
export function refuseToolCalls<T extends RecordOutcome | LaterChoice>(o: T, refused: (index: number) => boolean): T {
  const call = (f: string) => /^toolCalls\[(\d+)\]\.repairs$/.exec(f);
  return { ...o, toolCalls: refuseCalls(o.toolCalls, refused), cuts: movedCuts(o.cuts, (f) => call(f) !== null && refused(Number(call(f)![1]))) };
}

/** A stream refused for cut calls (chat, reject): the calls of every choice whose closers did not go out. */
export function refuseChoices(o: RecordOutcome, delivered: (choice: number) => boolean): RecordOutcome {
  const all = () => true;
  const zero = delivered(0) ? o : refuseToolCalls(o, all);
  const later = o.laterChoices?.map((c) => (delivered(c.index) ? c : refuseToolCalls(c, all)));
  return later ? { ...zero, laterChoices: later } : zero;
}

/** The outcome of an answer none of which went out (a non-streaming 502 or error answer): every choice's
 * content and tool-call repairs moved. */
export function refuseAnswer(o: RecordOutcome): RecordOutcome {
  const all = () => true;
  const one = <T extends RecordOutcome | LaterChoice>(c: T): T => ({ ...c, repairs: [], ...(c.repairs.length > 0 ? { refusedRepairs: c.repairs } : {}), toolCalls: refuseCalls(c.toolCalls, all) });
  const later = o.laterChoices?.map((c) => ({ ...one(c), cuts: movedCuts(c.cuts, (f) => f.endsWith('repairs')) }));
  return { ...one(o), cuts: movedCuts(o.cuts, (f) => f.endsWith('repairs')), ...(later ? { laterChoices: later } : {}) };
}
