/**
 * The artifacts whose responses said `x-streamfix-artifact: memory-only` (a failed or too slow write, or a
 * data directory whose writer slots other daemons hold): served with `memoryOnly: true` (GET
 * /v1/streamfix/result/:id and /results, the language server's getArtifact and listArtifacts), so the
 * editor can say that the artifact is lost when the daemon restarts. Kept beside the store, not in it: a
 * memory-only artifact has no record on disk to carry the field, and the ids are this daemon run's only
 * (after a restart those artifacts are gone). At most the store's maxCount ids, the newest. A write that was
 * too slow for its response and landed later takes its id out (`forgetMemoryOnly`, called by the store):
 * that artifact is on disk after all.
 */
/** Keyed by the store (the language server sees it through a narrower interface). */
const byStore = new WeakMap<object, Set<string>>();

/** The response of artifact `id` said memory-only (unless its write has landed meanwhile). */
export function noteMemoryOnly(store: { readonly maxCount: number; onDisk(id: string): boolean }, id: string): void {
  if (store.onDisk(id)) return;
  let ids = byStore.get(store);
  if (ids === undefined) byStore.set(store, (ids = new Set()));
  ids.add(id);
  if (ids.size > store.maxCount) ids.delete(ids.values().next().value!);
}

/** `x` with `memoryOnly: true` when its response said memory-only; `x` itself otherwise. */
export function withMemoryOnly<T extends { id: string }>(store: object, x: T): T {
  return byStore.get(store)?.has(x.id) === true ? { ...x, memoryOnly: true } : x;
}

/** Artifact `id`'s record reached the disk: it is not memory-only (any more). */
export function forgetMemoryOnly(store: object, id: string): void {
  byStore.get(store)?.delete(id);
}
