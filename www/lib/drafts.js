// Drafts in the browser's local storage: the patch being built and the notes being written, so
// that a reload (or going offline) loses nothing. A draft is never thrown away: what can be read
// of it is used, and when anything had to be left out (or nothing could be read) the draft as it
// was is copied aside under its own key, reported, and can be restored.

/** The draft format written here. */
export const DRAFT_VERSION = 1;

/**
 * Reads the draft at `key`. `check(draft)` returns `{ problems, usable }`: the problems found
 * (empty when the draft is good) and the part of it that can be used (what fits the limits and
 * passes the checks), or null when nothing can. Returns `{ draft, problems }`, and when anything
 * was left out also `setAside`, the key under which the draft as it was is kept (never deleted):
 * a draft over a limit keeps what fits instead of disappearing, and `restoreDraft` can bring the
 * set-aside copy back.
 */
export function readDraft(key, check) {
  let raw;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return { draft: null, problems: [] };
  }
  if (raw === null) return { draft: null, problems: [] };
  const { draft, problems } = parseDraft(raw, check);
  if (!problems.length) return { draft, problems };
  const setAside = `${key}:set-aside:${new Date().toISOString()}`;
  try {
    localStorage.setItem(setAside, raw);
    if (!draft) localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: leave the draft where it is, so it is still not lost.
    return { draft, problems, setAside: key };
  }
  return { draft, problems, setAside };
}

/** A draft's text read leniently: `{ draft, problems }` (see `readDraft`). */
function parseDraft(raw, check) {
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { draft: null, problems: [`it is not valid JSON (${error.message})`] };
  }
  if (!parsed || typeof parsed !== 'object' || parsed.version !== DRAFT_VERSION) return { draft: null, problems: ['it is not a draft of this version'] };
  const { problems, usable } = check(parsed);
  return { draft: usable, problems };
}

/**
 * Brings back a draft set aside by `readDraft` as the current draft: what can be used of it
 * (`{ draft, problems }`); the set-aside copy is removed only when all of it could be used. `{ draft: null,
 * raw }` when nothing in it can be read, so the caller can offer the text as a file.
 */
export function restoreDraft(key, setAside, check) {
  let raw;
  try {
    raw = localStorage.getItem(setAside);
  } catch {
    raw = null;
  }
  if (raw === null) return { draft: null, problems: ['the set-aside draft is no longer in this browser'], raw: null };
  const { draft, problems } = parseDraft(raw, check);
  if (!draft) return { draft: null, problems, raw };
  try {
    localStorage.setItem(key, JSON.stringify({ ...draft, version: DRAFT_VERSION, saved: new Date().toISOString() }));
    // The copy goes only when all of it is current again: what could not be used stays kept.
    if (setAside !== key && !problems.length) localStorage.removeItem(setAside);
  } catch {
    // Kept where it is; the draft is still shown.
  }
  return { draft, problems, raw };
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
