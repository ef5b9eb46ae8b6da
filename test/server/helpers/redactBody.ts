/** Bodies for the redactor's own tests: a RedactableBody over given reads, and reading one back. */
import type { RedactableBody } from '../../../server/gateway/redact';

/** A body whose reads are `pieces`, then `fail` thrown if given; `dumped` counts its dump() calls. */
export function bodyOf(pieces: Buffer[], fail?: Error): RedactableBody & { dumped: number } {
  const b = {
    dumped: 0,
    async dump() {
      b.dumped++;
    },
    async text() {
      return Buffer.concat(pieces).toString();
    },
    async *[Symbol.asyncIterator]() {
      for (const p of pieces) yield p;
      if (fail) throw fail;
    },
  };
  return b;
}

/** Every read of `body`, in order. */
export async function reads(body: RedactableBody): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const b of body) out.push(b);
  return out;
}

/** The text of all the reads of `body`. */
export async function drain(body: RedactableBody): Promise<string> {
  return Buffer.concat(await reads(body)).toString();
}
