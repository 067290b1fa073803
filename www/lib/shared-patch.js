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

/**
 * Shows a colleague's link on `tools` over the user's `draft` (or none): its patch and notes. The
 * draft stays saved until the patch changes, and a notice offers it back ("Show my saved draft").
 */
export function showLink(tools, link, draft) {
  tools.patch = link.patch;
  tools.linkNotes = link.notes;
  tools.draftNotes = draft?.notes ?? [];
  const own = draft?.patch.areas.length ? ` Your saved draft (“${draft.patch.name}”) stays in this browser until you change this patch.` : '';
  tools.notices.push({ text: `Showing the patch “${link.patch.name}” from the link you opened.${own}`, action: own ? 'own-draft' : null, draft });
}

/**
 * A patch file someone chose (as "Patch as JSON" writes it), checked by the analysis module
 * (`run` as in readLinkText): `{ patch }`, or `{ error }` saying why it cannot be used.
 */
export async function readPatchFile(file, run) {
  let value;
  try {
    if (file.size > 1024 * 1024) throw new Error('the file is larger than 1 MB');
    value = JSON.parse(await file.text());
  } catch (error) {
    return { error: error instanceof SyntaxError ? 'the file is not JSON' : error.message };
  }
  const patch = run((a) => a.loadPatch(value));
  if (!patch || patch.error) return { error: patch?.issues?.length ? patch.issues.join('; ') : patch?.error ?? 'the file holds no patch' };
  return { patch };
}

/** Takes the link's patch off `tools` and shows the user's own draft of notice `n` instead. */
export function showOwnDraft(tools, n) {
  tools.notices = tools.notices.filter((x) => x !== n);
  tools.linkNotes = [];
  tools.draftNotes = n.draft.notes;
  tools.setPatch(n.draft.patch, false);
}
