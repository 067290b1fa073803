// The short answers of the ⓘ toggletips (toggletip.js), in one place, and what a press does.
// Loaded on the first press.

const GLOSSARY = {
  LSOA: 'LSOA (Lower layer Super Output Area): a small area drawn by ONS for statistics, with 1,000 to 3,000 residents (about 1,500). The atlas calls them neighbourhoods.',
  MSOA: 'MSOA (Middle layer Super Output Area): a group of about four to six LSOAs, with 5,000 to 15,000 residents. The atlas calls them areas.',
  IoD: 'IoD (English Indices of Deprivation): the government’s measure of deprivation in each LSOA. Its employment and income domains count people on out-of-work and low-income benefits. Each edition describes earlier years: IoD2025 mostly 2021–23.',
  '‡': '‡ marks a change of definition or boundaries between two periods: the figures either side are not strictly comparable, so the map does not show change across it.',
  '95%': '95% and 99.8% say how sure a comparison is. An area is called higher or lower than a benchmark when its confidence interval leaves out the benchmark’s value. At 95% about 1 in 20 such differences could be chance; at 99.8%, the stricter test, about 1 in 500.',
  quantiles: 'Quantiles: the areas are sorted by value and split into classes of about the same number of areas, so with five classes each colour holds about a fifth of them. The ranges can be uneven.',
  interval: 'The 95% confidence interval is the range the true figure very likely lies in, allowing for chance in small numbers of people. A wide interval means an uncertain figure.',
};

/** The answer for `term`, or an empty string. */
export function explain(term) {
  return GLOSSARY[term] ?? '';
}

/** Opens the answer of `button` (or closes it: `open` false, or a second press). */
export function toggle(button, answer, term, open = button.getAttribute('aria-expanded') !== 'true') {
  button.setAttribute('aria-expanded', String(open));
  answer.textContent = open ? explain(term) : '';
}
