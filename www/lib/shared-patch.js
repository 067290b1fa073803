// A patch shared with a colleague: its name, areas and interventions, and the sharer's notes when
// they fit, as one object `{ patch, notes }`. A link carries it in the URL hash as base64url of its
// JSON (compact, and free of the `&`, `=` and `;` the hash's other entries use); the element and
// frame snippets carry the same JSON as plain text (`patch` and `notes` attributes or parameters).
// Whatever arrives is checked by the analysis module like any patch or notes file from a page.

/** Longest hash value a link carries: longer links break in e-mail and chat. */
export const LINK_LIMIT = 6000;

/** base64url of the UTF-8 JSON of `value`. */
function encode(value) {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The value of a base64url JSON text; throws an Error saying what is wrong. */
export function decodeLinkText(text) {
  if (text.length > 4 * LINK_LIMIT || !/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('the link’s patch is not in the form the atlas writes');
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('the link’s patch was cut short or changed');
  }
}

/**
 * The hash value for a patch and its notes: `{ text, notesLeftOut }`. The notes go only when the
 * link stays under LINK_LIMIT; null when the patch has no areas (nothing to show a colleague).
 */
export function linkText(patch, notes) {
  if (!patch.areas.length) return null;
  const full = encode({ patch, notes });
  if (!notes.length || full.length <= LINK_LIMIT) return { text: full, notesLeftOut: 0 };
  return { text: encode({ patch, notes: [] }), notesLeftOut: notes.length };
}

/** Whether two patches are the same (name, areas, interventions). */
export function samePatch(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether two notes say the same (whatever their source). */
export function sameNote(a, b) {
  const plain = ({ source, ...n }) => JSON.stringify(n);
  return plain(a) === plain(b);
}

/**
 * A link's patch and notes, checked by the analysis module (`run(fn)` calls `fn(analysis)` and
 * turns a thrown error into `{ error }`): `{ patch, notes, notesLeftOut }`, or `{ refused }` with
 * the reason. Notes that fail are left out (their problems in `notesLeftOut`); the patch stays.
 */
export function readLinkText(text, run) {
  let value;
  try {
    value = decodeLinkText(text);
  } catch (error) {
    return { refused: error.message };
  }
  const patch = run((a) => a.loadPatch(value?.patch ?? null));
  if (!patch || patch.error) return { refused: patch?.error ?? 'it holds no patch' };
  const notes = Array.isArray(value.notes) && value.notes.length ? run((a) => a.loadNotes(value.notes)) : { notes: [] };
  const leftOut = notes.error ?? (notes.problems?.length ? notes.problems.join('; ') : null);
  return { patch, notes: (notes.notes ?? []).map((n) => ({ ...n, source: 'link' })), notesLeftOut: leftOut };
}
