/** One line per model for the Models view. No `vscode` import: unit-tested under plain mocha. */
import type { ModelHealthEntry } from '../shared/protocol';

const pct = (r: number): string => `${Math.round(r * 1000) / 10}%`;

/** "12 requests · 1.5 repairs/request · FAILED 8.3% · TRUNCATED 0% · 1 schema failure". */
export function describeHealth(m: ModelHealthEntry): string {
  const parts = [
    `${m.requests} ${m.requests === 1 ? 'request' : 'requests'}`,
    `${Math.round(m.repairsPerRequest * 100) / 100} repairs/request`,
    `FAILED ${pct(m.failedRate)}`,
    `TRUNCATED ${pct(m.truncatedRate)}`,
  ];
  if (m.schemaFailures > 0) parts.push(`${m.schemaFailures} schema ${m.schemaFailures === 1 ? 'failure' : 'failures'}`);
  if (m.circuit.state !== 'closed') parts.push(`breaker ${m.circuit.state}${m.circuit.retryAfterSeconds !== null ? ` (${m.circuit.retryAfterSeconds} s)` : ''}`);
  return parts.join(' · ');
}

