// Tiny DOM helpers. Text from data is only ever set through textContent: no innerHTML anywhere.

/**
 * Creates an element with attributes and children (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, string|boolean>} [attrs]
 * @param {(Node|string|null|undefined)[]} [children]
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** Replaces an element's children with the given nodes or strings. */
export function setChildren(el, children) {
  el.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
}

/** Whether the main pointer is a finger (a touch screen): hints then say "tap", not "click". */
export const touch = () => window.matchMedia('(pointer: coarse)').matches;

/**
 * Sets a live region's (or any node's) text only when it changes: a screen reader announces every
 * write, so writing the same words again repeats them (one action, one announcement).
 */
export function say(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** An element's box inside its border — where a child with `inset: 0` sits — in page coordinates. */
export function innerRect(el) {
  const r = el.getBoundingClientRect();
  return new DOMRect(r.left + el.clientLeft, r.top + el.clientTop, r.width - 2 * el.clientLeft, r.height - 2 * el.clientTop);
}
