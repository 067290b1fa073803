// Moves a widget to a fresh wasm module instance after another widget's panic retired the one it
// used (see core.js): a new AtlasHandle of the same bundle and size, with the view carried over so
// that the user sees no difference. Loaded only then, so it is not part of the default download.
//
// The view is the state (indicator, layer, period, classification, change mode, selection) plus
// the exact zoom and pan: the pan is recovered from where one area's interior point sits on
// screen, since both handles project the same world coordinates.

/** What `restoreView` needs, read from the old handle before it is dropped. */
export function snapshotView(handle) {
  const state = handle.state();
  const ref = state.area ?? handle.firstArea();
  return { state, zoom: handle.zoom(), ref, point: ref ? handle.screenPointOf(ref) : null };
}

/** Applies a snapshot to a fresh handle. Every step was valid on the old handle. */
export function restoreView(handle, { state, zoom, ref, point }) {
  handle.setView(state.indicator ?? undefined, state.geography, state.period ?? undefined);
  handle.setClassification(state.method, state.classes);
  if (state.change_from) handle.setChange(state.change_from);
  // Selecting by code also zooms to the area; the viewport is set exactly below.
  if (state.area) handle.select(state.area);
  handle.zoomAt(zoom / handle.zoom(), 0, 0);
  const now = ref ? handle.screenPointOf(ref) : null;
  if (point && now) handle.pan(point[0] - now[0], point[1] - now[1]);
}

/**
 * Waits for a module instance that is not retired and rebuilds the widget's handle on it.
 * `current()` gives the handle to replace, or null when the widget no longer wants moving (it was
 * removed or reloaded meanwhile). Resolves with `{ core, handle, restored }`, or null when there
 * is nothing to move or the fresh instance fails too (the widget then stays where it is).
 */
export async function moveToFreshCore(loadCore, current, packed, { width, height }) {
  let core;
  do core = await loadCore();
  while (core.retired);
  const old = current();
  if (!old) return null;
  let view = null;
  try {
    view = snapshotView(old);
  } catch {
    // The retired instance fails for this widget too: start again from the default view.
  }
  let handle = null;
  try {
    handle = new core.AtlasHandle(packed, width, height);
    if (view) restoreView(handle, view);
  } catch {
    // E.g. out of memory while the old instance still holds its own. Give up; a later load will
    // find out whether the fresh instance works.
    free(handle);
    return null;
  }
  free(old);
  return { core, handle, restored: view !== null };
}

function free(handle) {
  try {
    handle?.free();
  } catch {
    // A handle of a trapped module cannot always be freed; dropping it is all we can do.
  }
}
