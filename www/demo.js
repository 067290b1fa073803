// The demo page's "Embed this view" box: the element snippet and the iframe snippet for the
// widget's current state, each with a copy button. Built with text nodes only.
const atlas = document.querySelector('work-health-atlas');
const elementCode = document.getElementById('embed-element');
const iframeCode = document.getElementById('embed-iframe');
const base = new URL('.', window.location.href);

function attributes(state) {
  const pairs = [];
  for (const name of ['indicator', 'geography', 'period', 'area']) if (state[name]) pairs.push([name, state[name]]);
  if (state.view && state.view !== 'full') pairs.push(['view', state.view]);
  return pairs;
}

function update(state) {
  if (!state) return;
  const pairs = attributes(state);
  const attrs = pairs.map(([k, v]) => ` ${k}="${v}"`).join('');
  elementCode.textContent = `<script type="module" src="${new URL('work-health-atlas.js', base)}"></script>\n<work-health-atlas${attrs}></work-health-atlas>`;
  const query = new URLSearchParams(pairs).toString();
  iframeCode.textContent = `<iframe src="${new URL(`embed.html?${query}`, base)}" title="Work & Health Atlas" style="width:100%;height:900px;border:0"></iframe>\n<script src="${new URL('embed-resize.js', base)}" defer></script>`;
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
