/**
 * A stream repairer ended without what only its end decides: the client left mid-stream, or (a Messages
 * tool call) the upstream failed with the call's block open. Nothing more goes out, so the result keeps
 * the repairs of what the engine wrote and went out, not those of the end (the closers, a comma dropped
 * there), and no whole JSON (the text as sent is the caller's copy). ContentProcessor.abandon and
 * ToolCallRepairers.abandon both end this way.
 */
import type { RepairResult, StreamRepairer } from '../../shared/engine';

export function resultAsSent(repairer: StreamRepairer): RepairResult {
  const { final: _f, reasoning: _r, finalRepairs, ...r } = repairer.end();
  const unsent = new Set(finalRepairs);
  return { ...r, json: null, repairs: r.repairs.filter((x) => !unsent.has(x)) };
}
