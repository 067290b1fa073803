// Small parts of the impact tools' forms: a labelled field (its hint linked to it), a button, and
// a form's problems shown in plain words beside the fields they concern.
import { h, say } from './dom.js';

let counter = 0;

/** An id not used before in this page, `${prefix}-n`, to link a control to its label or help. */
export function uniqueId(prefix) {
  return `${prefix}-${(counter += 1)}`;
}

/** A labelled form field; a hint is read with the control (aria-describedby). */
export function field(label, control, hint) {
  const id = uniqueId('atlas-field');
  control.id = id;
  const help = hint ? h('span', { class: 'hint-text', id: `${id}-hint` }, [hint]) : null;
  if (help) control.setAttribute('aria-describedby', help.id);
  return h('div', { class: 'field' }, [h('label', { for: id }, [label]), help, control]);
}

export function button(label, onClick, attrs = {}) {
  const b = h('button', { type: 'button', ...attrs }, [label]);
  b.addEventListener('click', onClick);
  return b;
}

/** Takes a field's problem marks off (its hint stays linked). */
function unmark(control, status) {
  control.removeAttribute('aria-invalid');
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== status.id);
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
}

/**
 * Shows a form's problems (3.3.1, 3.3.3): each one the core found ("error at
 * interventions[2].start: …") is said with its field's label instead of its path, the field is
 * marked aria-invalid and described by the message, and focus moves to the first such field.
 * `fields`: `{ key: { control, label } }` by the last part of the path. With no problems the
 * marks are taken off and `done` is said instead.
 */
export function showProblems(status, fields, problems, done = '') {
  status.id ||= uniqueId('atlas-problems');
  for (const { control } of Object.values(fields)) unmark(control, status);
  status.classList.toggle('field-error', problems.length > 0);
  if (!problems.length) {
    say(status, done);
    return false;
  }
  let first = null;
  const lines = problems.map((problem) => {
    const found = /^(?:error|warning) at (.*?): (.*)$/.exec(problem);
    const key = found?.[1].replace(/\[\d+\]/g, '').split('.').pop();
    const target = key && fields[key];
    if (!target) return found ? found[2] : problem;
    target.control.setAttribute('aria-invalid', 'true');
    target.control.setAttribute('aria-describedby', [target.control.getAttribute('aria-describedby'), status.id].filter(Boolean).join(' '));
    first ??= target.control;
    return `${target.label}: ${found[2]}`;
  });
  say(status, `Not added. ${lines.join('; ')}.`);
  first?.focus();
  return true;
}
