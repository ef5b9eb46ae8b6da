/**
 * Counts the invalid UTF-8 sequences a lossy decode replaced by U+FFFD, so the CLI can say so instead
 * of repairing replacement characters silently. A U+FFFD the input spelled itself (EF BF BD) is not
 * counted: replaced = U+FFFD in the decoded text − EF BF BD in the bytes. The bytes arrive in reads
 * that may split a sequence; the last two bytes of each read are kept to find one across the split.
 */

export interface Utf8Check {
  /** One read: its raw bytes and the text the (streaming) decoder gave for it. */
  push(bytes: Buffer, decoded: string): void;
  /** The text the decoder gave at the end (its flush). */
  end(decoded: string): void;
  /** Invalid sequences replaced so far. */
  readonly replaced: number;
}

export function createUtf8Check(): Utf8Check {
  let carry: Buffer = Buffer.alloc(0);
  let literal = 0;
  let decodedFffd = 0;
  const countFffd = (text: string) => {
    let n = 0;
    for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
    return n;
  };
  return {
    push(bytes, decoded) {
      const b = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
      for (let i = b.indexOf(0xef); i !== -1 && i + 2 < b.length; i = b.indexOf(0xef, i + 1)) {
        if (b[i + 1] === 0xbf && b[i + 2] === 0xbd) literal++;
      }
      // A triplet starting in the last two bytes is not whole yet: keep them for the next read. A
      // triplet never lies inside the two kept bytes alone, so none is counted twice.
      carry = Buffer.from(b.subarray(Math.max(0, b.length - 2)));
      decodedFffd += countFffd(decoded);
    },
    end(decoded) {
      decodedFffd += countFffd(decoded);
    },
    get replaced() {
      return decodedFffd - literal;
    },
  };
}

/** The CLI's warning for `n` replaced sequences. */
export function utf8Warning(n: number): string {
  return `the input is not valid UTF-8: ${n} invalid byte sequence${n === 1 ? '' : 's'} replaced by U+FFFD`;
}
