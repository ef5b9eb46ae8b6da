/**
 * The Artifacts view's "3 new": rows that arrived since the person last saw the top of the list. The tree
 * keeps a selected row in view (it scrolls back to it when it gets the focus), so once a person has
 * opened a row, newer rows go in above it, possibly out of sight; the view's description counts them. The
 * count starts when a row is selected, drops to the rows above one the person selects higher up, and is
 * cleared when the newest row is selected or revealed (Show Artifacts, the view's refresh) or the filter
 * changes. VS Code tells an extension nothing of a tree's scrolling, so a list scrolled with the wheel and
 * no row selected is not counted. No `vscode` import: unit-tested under plain mocha.
 *
 * @example
 *   const n = new NewRows(100);
 *   n.listed(['b', 'a']); n.selected('a');  // away from the top, nothing new yet
 *   n.listed(['d', 'c', 'b', 'a']);         // -> 2 ("2 new")
 *   n.selected('d');                        // -> 0
 */
export class NewRows {
  /** `limit`: the most rows a listing holds (a full listing without the row seen may leave out more). */
  constructor(private readonly limit: number) {}

  /** The last listing's ids, newest first. */
  private ids: string[] = [];
  /** The newest row the person saw; undefined: not away from the top (no row selected since the last reveal). */
  private seen: string | undefined;

  /** Rows above the newest one seen: 0 when not away; every row when the one seen is no longer listed
   * (more than the listing's limit arrived, or it was dropped from the store). */
  get count(): number {
    if (this.seen === undefined) return 0;
    const i = this.ids.indexOf(this.seen);
    return i < 0 ? this.ids.length : i;
  }

  /** The view's description: "3 new" ("100+ new" when the listing is full and the row seen is not in it),
   * or undefined (nothing to say). */
  get text(): string | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    const more = this.seen !== undefined && !this.ids.includes(this.seen) && this.ids.length >= this.limit;
    return `${n}${more ? '+' : ''} new`;
  }

  /** A listing arrived (newest first). */
  listed(ids: readonly string[]): number {
    this.ids = [...ids];
    return this.count;
  }

  /** The person selected row `id`: away from the top from now on, the rows above it seen. */
  selected(id: string): number {
    const i = this.ids.indexOf(id);
    if (i < 0) return this.count;
    // not away yet: the top was in sight as the row was picked; away: a row higher than the one seen
    if (this.seen === undefined) this.seen = this.ids[0];
    else if (i < this.count) this.seen = id;
    return this.count;
  }

  /** The newest row was revealed (or the filter changed): nothing new; still away when `selection`, a row
   * being selected (the tree keeps it in view). */
  revealed(selection: boolean): void {
    this.seen = selection ? this.ids[0] : undefined;
  }
}
