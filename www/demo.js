// The demo page's "Embed this view" box: the element snippet and the iframe snippet for the
// widget's current state, with its patch and notes (sharedPatch()), each with a copy button.
// Built with text nodes only; attribute values in the snippet are HTML-escaped.
const atlas = document.querySelector('work-health-atlas');
const elementCode = document.getElementById('embed-element');
const iframeCode = document.getElementById('embed-iframe');
const base = new URL('.', window.location.href);

/** Text as an HTML attribute value in double quotes. */
const attr = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function attributes(state) {
  const pairs = [];
  for (const name of ['indicator', 'geography', 'period', 'area']) if (state[name]) pairs.push([name, state[name]]);
  if (state.view && state.view !== 'full') pairs.push(['view', state.view]);
  const shared = atlas.sharedPatch?.();
  if (shared) {
    pairs.push(['patch', JSON.stringify(shared.patch)]);
    if (shared.notes.length) pairs.push(['notes', JSON.stringify(shared.notes)]);
  }
  return pairs;
}

function update(state) {
  if (!state) return;
  const pairs = attributes(state);
  const attrs = pairs.map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
  const query = new URLSearchParams(pairs).toString();
  const frame = new URL(`embed.html?${query}`, base);
  // Shown until the script runs: where it cannot (another site without CORS), a way to the view.
  const fallback = `<p>Loading the Work &amp; Health Atlas… If it does not appear, <a href="${attr(frame)}">open it here</a>.</p>`;
  elementCode.textContent = `<script type="module" src="${new URL('work-health-atlas.js', base)}"></script>\n<work-health-atlas${attrs}>${fallback}</work-health-atlas>`;
  iframeCode.textContent = `<iframe src="${attr(frame)}" title="Work &amp; Health Atlas" style="width:100%;height:900px;border:0"></iframe>\n<script src="${new URL('embed-resize.js', base)}" defer></script>`;
}

for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const text = document.getElementById(button.dataset.copy).textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select the text and copy it';
    }
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 2000);
  });
}

// On a touch screen the help says what fingers do (there is no hover, and no Ctrl + scroll).
if (window.matchMedia('(pointer: coarse)').matches) {
  document.getElementById('page-help').textContent =
    'Worklessness and ill health in the Liverpool City Region, neighbourhood by neighbourhood. Tap an area to see its figure and select it; move and zoom the map with two fingers, or with the + and − buttons.';
}

atlas.addEventListener('atlas-change', (event) => update(event.detail));
atlas.ready.then(update);
