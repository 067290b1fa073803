// Small parts of the impact tools' forms: a labelled field (its hint shown beside it) and a button.
import { h } from './dom.js';

let counter = 0;

/** An id not used before in this page, `${prefix}-n`, to link a control to its label or help. */
export function uniqueId(prefix) {
  return `${prefix}-${(counter += 1)}`;
}

/** A labelled form field. */
export function field(label, control, hint) {
  const id = uniqueId('atlas-field');
  control.id = id;
  return h('div', { class: 'field' }, [h('label', { for: id }, [label]), hint ? h('span', { class: 'hint-text' }, [hint]) : null, control]);
}

export function button(label, onClick, attrs = {}) {
  const b = h('button', { type: 'button', ...attrs }, [label]);
  b.addEventListener('click', onClick);
  return b;
}

