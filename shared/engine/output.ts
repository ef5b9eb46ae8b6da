import { Segment } from './segment';
import { REPAIR_MESSAGES } from './messages';
import type { Position, Repair, RepairKind } from './types';

/**
 * Output bookkeeping shared by the scanners: what is decided (committed) and what is held back
 * (pending) because it depends on input not seen yet.
 *
 * Within a segment, committed text is kept as the index range [emitFrom, …) of the segment's text and
 * copied out only when something breaks the run (a repair, the end of the segment), so valid JSON is
 * copied in a few large slices, not character by character. Pending text is `carry` (already
 * materialized: text held across a segment end, or edited) followed by the range [pA, i) of the
 * current segment.
 */
export class Output {
  /** Committed text of the current push (a string built by concatenation: cheaper than an array
   * joined per push on the streaming hot path). */
  out = '';
  /** Committed text of a JSON value found in prose and not yet confirmed (null: none pending). */
  cand: string | null = null;

  emit(text: string): void {
    // most pushes emit once or twice: the first piece is taken as it is, without the call that adds it
    // to an empty string
    if (this.cand === null) this.out = this.out === '' ? text : this.out + text;
    else this.cand += text;
  }
  /** Where decided repairs go (same switch as `sink`). */
  repairSink: Repair[] = [];

  seg: Segment = new Segment('', 0, 0, 0);
  emitFrom = 0;

  pending = false;
  /** Segment index where the pending range of the current segment starts. */
  pA = 0;
  /** Pending text carried over from earlier segments or materialized by an edit (survives a push). */
  carry = '';
  /** Repairs inside the pending text, committed with it or dropped with it: the first, and those after
   * it (most pending text holds one repair at most, and an array per pending text cost an allocation and
   * its backing store each time). */
  private held: Repair | null = null;
  private heldMore: Repair[] | null = null;
  /** Where the pending text starts in the input (for the repair that drops or extends it).
   * `pStartIdx` is a segment index while the start is in the current segment, else -1 and `pStartPos`
   * holds it (resolved when the segment ends). */
  pStartIdx = -1;
  readonly pStartPos = new SavedPosition();

  /** A comma inside the pending text, which a following closer makes a trailing comma: its segment
   * index (or -1), its index inside `carry` once materialized (or -1), and its position. */
  commaIdx = -1;
  commaInCarry = -1;
  readonly commaPos = new SavedPosition();
  hasComma = false;

  /** Start a segment at index `from`. */
  begin(seg: Segment, from: number): void {
    this.seg = seg;
    this.emitFrom = from;
    this.pA = from;
  }

  pos(idx: number): Position {
    const seg = this.seg;
    return { offset: seg.base + idx, line: seg.line(idx), column: seg.column(idx) };
  }

  /** A saved position: found with the cursor when it is in the current segment. */
  resolve(p: SavedPosition): Position {
    return p.isIn(this.seg) ? this.pos(p.index) : p.get();
  }

  repair(kind: RepairKind, at: Position, length: number, replacement: string): Repair {
    return { kind, offset: at.offset, length, line: at.line, column: at.column, replacement, message: REPAIR_MESSAGES[kind] };
  }

  /** A repair at segment index `idx` (what `repair(kind, pos(idx), …)` gives, without the Position
   * object in between: one allocation less per repair). */
  repairAt(kind: RepairKind, idx: number, length: number, replacement: string): Repair {
    const seg = this.seg;
    return { kind, offset: seg.base + idx, length, line: seg.line(idx), column: seg.column(idx), replacement, message: REPAIR_MESSAGES[kind] };
  }

  /** Record a repair: with the pending text when there is some, else as decided. */
  record(r: Repair): void {
    if (this.pending === true) this.hold(r);
    else this.repairSink.push(r);
  }

  /** A repair inside the pending text (whether or not it ends up committed). */
  hold(r: Repair): void {
    if (this.held === null) this.held = r;
    else if (this.heldMore === null) this.heldMore = [r];
    else this.heldMore.push(r);
  }

  /** The repairs held with the pending text are dropped with it. */
  dropHeld(): void {
    this.held = null;
    this.heldMore = null;
  }

  /** Committed text [emitFrom, upTo) goes out. */
  flushCommitted(upTo: number): void {
    if (upTo > this.emitFrom) this.emit(String.prototype.slice.call(this.seg.text, this.emitFrom, upTo));
    this.emitFrom = upTo;
  }

  startPending(i: number): void {
    this.pending = true;
    this.pA = i;
    this.pStartIdx = i;
    this.commaIdx = -1;
    this.commaInCarry = -1;
    this.hasComma = false;
  }

  pendingStart(): Position {
    return this.pStartIdx >= 0 ? this.pos(this.pStartIdx) : this.pStartPos.get();
  }

  /** Move the pending range [pA, upTo) into `carry`, so it can be edited. */
  materialize(upTo: number): void {
    this.flushCommitted(this.pA);
    if (this.commaIdx >= 0 && this.commaIdx < upTo) {
      this.commaPos.save(this.seg, this.commaIdx);
      this.commaInCarry = this.carry.length + (this.commaIdx - this.pA);
      this.commaIdx = -1;
    }
    if (upTo > this.pA) {
      const piece = String.prototype.slice.call(this.seg.text, this.pA, upTo);
      this.carry = this.carry === '' ? piece : this.carry + piece;
    }
    this.pA = upTo;
    this.emitFrom = upTo;
  }

  /** The pending text becomes committed, with its repairs (sorted into input order). */
  commitPending(i: number): void {
    if (this.pending === false) return;
    if (this.carry !== '') {
      this.emit(this.carry);
      this.carry = '';
    }
    this.pA = i;
    this.pending = false;
    this.clearComma();
    const first = this.held;
    if (first !== null) {
      const more = this.heldMore;
      if (more === null) this.repairSink.push(first);
      else {
        const reps = [first, ...more].sort((a, b) => a.offset - b.offset);
        for (const r of reps) this.repairSink.push(r);
      }
      this.dropHeld();
    }
  }

  /** The first character of the pending text (no line break, no held repair: a string's closing quote
   * held with the spaces after it) is committed; the rest stays held and starts one character later. */
  commitFirst(): void {
    if (this.carry !== '') {
      // carried text: nothing committed waits before it in the segment (materialize flushed it)
      this.emit(String.prototype.slice.call(this.carry, 0, 1));
      this.carry = String.prototype.slice.call(this.carry, 1);
    } else this.pA++;
    if (this.pStartIdx >= 0) this.pStartIdx++;
    else this.pStartPos.advance(1);
  }

  /** The pending text up to `i` is dropped (with its repairs); returns its length in the input. */
  dropPending(i: number): { at: Position; length: number } {
    const at = this.pendingStart();
    this.flushCommitted(this.pA);
    this.carry = '';
    this.dropHeld();
    this.pending = false;
    this.clearComma();
    this.emitFrom = i;
    this.pA = i;
    return { at, length: this.seg.base + i - at.offset };
  }

  /** Replace the input range [a, b) of the current segment by `rep`. */
  edit(a: number, b: number, rep: string): void {
    if (this.pending === true) {
      this.materialize(a);
      this.carry += rep;
      this.pA = b;
      this.emitFrom = b;
    } else {
      this.flushCommitted(a);
      if (rep !== '') this.emit(rep);
      this.emitFrom = b;
    }
  }

  /** Replace the last `tailLen` characters of the pending text (ending at segment index i). */
  replaceTail(i: number, tailLen: number, rep: string): void {
    const cut = i - tailLen;
    if (cut >= this.pA && this.commaIdx < cut) {
      // the tail is in this segment (a word or number just read): materialized without it, then `rep`,
      // as edit() does (the same text as below, without building the tail only to cut it off)
      this.materialize(cut);
      this.carry += rep;
      this.pA = i;
      this.emitFrom = i;
      return;
    }
    this.materialize(i);
    this.carry = String.prototype.slice.call(this.carry, 0, this.carry.length - tailLen) + rep;
  }

  /** The last `tailLen` characters of the pending text (ending at segment index i). */
  tail(i: number, tailLen: number): string {
    const fromSeg = Math.min(tailLen, i - this.pA);
    const fromCarry = tailLen - fromSeg;
    return (fromCarry > 0 ? String.prototype.slice.call(this.carry, this.carry.length - fromCarry) : '') + String.prototype.slice.call(this.seg.text, i - fromSeg, i);
  }

  /** Insert `text` where the pending text starts (a missing comma goes right after the value). */
  prependPending(i: number, text: string): void {
    this.materialize(i);
    if (this.commaInCarry >= 0) this.commaInCarry += text.length;
    this.carry = text + this.carry;
  }

  /** Insert `text` before the last `tailLen` characters of the pending text. */
  insertBeforeTail(i: number, tailLen: number, text: string): void {
    this.materialize(i);
    const cut = this.carry.length - tailLen;
    this.carry = String.prototype.slice.call(this.carry, 0, cut) + text + String.prototype.slice.call(this.carry, cut);
  }

  clearComma(): void {
    this.hasComma = false;
    this.commaIdx = -1;
    this.commaInCarry = -1;
  }

  markComma(i: number): void {
    this.commaIdx = i;
    this.commaInCarry = -1;
    this.hasComma = true;
  }

  /** The comma an edit just put at the end of `carry` for the character at segment index i (a `;`
   * read as a comma, structure.ts): held like a comma read as it is, so a closer can still drop it. */
  markCarriedComma(i: number): void {
    this.commaIdx = -1;
    this.commaInCarry = this.carry.length - 1;
    this.commaPos.save(this.seg, i);
    this.hasComma = true;
  }

  /** A repair held with the pending text is withdrawn (another repair of the same range replaces it). */
  unhold(r: Repair): void {
    if (this.held === r) {
      const more = this.heldMore;
      this.held = more === null ? null : more.shift()!;
      if (more !== null && more.length === 0) this.heldMore = null;
    } else if (this.heldMore !== null) {
      const k = this.heldMore.indexOf(r);
      if (k >= 0) this.heldMore.splice(k, 1);
    }
  }

  /** All but the last n characters of the pending text (ending at segment index i) are committed, with
   * the held repairs; those n stay pending, starting at `at`. */
  keepTail(i: number, n: number, at: SavedPosition): void {
    this.materialize(i);
    const k = this.carry.length - n;
    const rest = String.prototype.slice.call(this.carry, k);
    this.carry = String.prototype.slice.call(this.carry, 0, k);
    this.commitPending(i);
    this.pending = true;
    this.carry = rest;
    this.pStartIdx = at.isIn(this.seg) ? at.index : -1;
    if (this.pStartIdx < 0) this.pStartPos.copy(at);
  }

  /** Drop the comma held in the pending text (it turned out to be trailing). */
  dropComma(): Position {
    let at: Position;
    if (this.commaIdx >= 0) {
      at = this.pos(this.commaIdx);
      this.materialize(this.commaIdx);
      this.pA = this.commaIdx + 1;
      this.emitFrom = this.pA;
      this.commaIdx = -1;
    } else {
      at = this.commaPos.get();
      const k = this.commaInCarry;
      this.carry = String.prototype.slice.call(this.carry, 0, k) + String.prototype.slice.call(this.carry, k + 1);
      this.commaInCarry = -1;
    }
    this.hasComma = false;
    return at;
  }

  /** The segment ends at `len`: flush committed text, carry pending text over. */
  endSegment(len: number): void {
    if (this.pending === true) {
      if (this.pStartIdx >= 0) {
        this.pStartPos.save(this.seg, this.pStartIdx);
        this.pStartIdx = -1;
      }
      this.materialize(len);
    } else {
      this.flushCommitted(len);
    }
  }

  /** Pending text length (for the hold-back limit, checked after every push). `carry` takes many string
   * shapes (empty, flat, a rope, a slice, one- or two-byte), so a plain `.length` read here went
   * megamorphic (a stub-cache lookup per push); `'' + carry` is known to be a string, whose length is
   * one field load. */
  heldLength(): number {
    return ('' + this.carry).length;
  }
}

/**
 * A position in a segment that has ended, saved without computing it: most saved positions are
 * never asked for (a held comma that was not trailing), so the line and column are found only when
 * a repair needs them, by scanning that segment's text once.
 */
export class SavedPosition {
  private text = '';
  private base = 0;
  private line0 = 0;
  private col0 = 0;
  private idx = 0;

  save(seg: Segment, idx: number): void {
    this.text = seg.text;
    this.base = seg.base;
    this.line0 = seg.line0;
    this.col0 = seg.col0;
    this.idx = idx;
  }

  get index(): number {
    return this.idx;
  }

  copy(p: SavedPosition): void {
    this.text = p.text;
    this.base = p.base;
    this.line0 = p.line0;
    this.col0 = p.col0;
    this.idx = p.idx;
  }

  /** The position n characters (none of them a line break) further on. */
  advance(n: number): void {
    this.idx += n;
  }

  isIn(seg: Segment): boolean {
    return seg.text === this.text && seg.base === this.base;
  }

  get(): Position {
    const seg = new Segment(this.text, this.base, this.line0, this.col0);
    return { offset: this.base + this.idx, line: seg.line(this.idx), column: seg.column(this.idx) };
  }
}
