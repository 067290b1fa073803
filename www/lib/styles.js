// The element's stylesheet, adopted by its shadow root as a constructable stylesheet (which a
// strict Content-Security-Policy without 'unsafe-inline' allows). The CSS lives in atlas.css; the
// build minifies it into the bundle as text.
import cssText from './atlas.css';

export { cssText };


let sheet = null;

/** The shared constructable stylesheet (created once per page). */
export function atlasStyleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
  }
  return sheet;
}
