// ⓘ toggletips (the Inclusive Components pattern): a button asks the question ("What is LSOA?")
// and, pressed, puts a short answer in a status region beside it, so a screen reader reads it and
// a tap works as a click does (nothing on hover alone). A second press or Escape closes it. Only
// the button is made here: what it does and the answers are in glossary.js, loaded on the first
// press, so the first view carries none of their code or words.
import { h } from './dom.js';

/** The button and its answer region for `term` (a key of glossary.js), to place after the term. */
export function infoTip(term, question = `What is ${term}?`) {
  const answer = h('span', { class: 'tip-text', role: 'status' });
  const button = h('button', { type: 'button', class: 'tip', 'aria-label': question, 'aria-expanded': 'false' }, ['ⓘ']);
  button.addEventListener('click', () => import('./glossary.js').then((g) => g.toggle(button, answer, term)));
  button.addEventListener('keydown', (event) => {
    // This Escape closes the answer only, not the map's info box or selection too.
    if (event.key === 'Escape' && answer.textContent) {
      event.stopPropagation();
      import('./glossary.js').then((g) => g.toggle(button, answer, term, false));
    }
  });
  return [button, answer];
}
