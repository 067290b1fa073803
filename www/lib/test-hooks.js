// What tests ask of the map that no reader does: the whole arrow-key graph of a layer, walked
// breadth-first from the start focus through the core's own arrow-key targets.

/** The area codes reachable with the arrow keys from the start focus of the current layer. */
export function arrowKeyGraph(handle) {
  handle.clearFocus();
  const start = handle.focusStep(1, 0).area.code;
  const seen = new Set([start]);
  for (const code of seen) {
    for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      const next = handle.arrowTarget(code, dx, dy);
      if (next) seen.add(next);
    }
  }
  return [...seen];
}
