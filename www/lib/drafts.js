// Drafts in the browser's local storage: the patch being built and the notes being written, so
// that a reload (or going offline) loses nothing. A draft that cannot be read is never thrown
// away: it is moved aside under its own key and reported, and the widget starts clean.

/** The draft format written here. */
export const DRAFT_VERSION = 1;

/**
 * Reads the draft at `key`. Returns `{ draft }` (null when there is none), or
 * `{ draft: null, setAside, reason }` when one was found but could not be read and was moved to
 * the key `setAside`. `check(draft)` returns a list of problems (empty when the draft is good).
 */
export function readDraft(key, check) {
  let raw;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return { draft: null };
  }
  if (raw === null) return { draft: null };
  let reason = null;
  let draft = null;
  try {
    draft = JSON.parse(raw);
    if (!draft || typeof draft !== 'object' || draft.version !== DRAFT_VERSION) reason = 'it is not a draft of this version';
  } catch (error) {
    reason = `it is not valid JSON (${error.message})`;
  }
  if (!reason) {
    const problems = check(draft);
    if (problems.length) reason = problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '');
  }
  if (!reason) return { draft };
  const setAside = `${key}:set-aside:${new Date().toISOString()}`;
  try {
    localStorage.setItem(setAside, raw);
    localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: leave the draft where it is, so it is still not lost.
    return { draft: null, setAside: key, reason };
  }
  return { draft: null, setAside, reason };
}

/** Saves a draft; returns null, or a message when the browser refused (full, blocked). */
export function saveDraft(key, patch, notes) {
  try {
    if (!patch.areas.length && !patch.interventions.length && !notes.length) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify({ version: DRAFT_VERSION, saved: new Date().toISOString(), patch, notes }));
    return null;
  } catch (error) {
    return `The draft could not be saved in this browser (${error.message}).`;
  }
}
