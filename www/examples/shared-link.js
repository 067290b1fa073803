// Shows the page's current address (which the widget's sync-url keeps up to date) in the
// "Link to this view" box. Uses only the widget's public events.
(function () {
  const input = document.getElementById('share-link');
  const show = () => {
    input.value = window.location.href;
  };
  show();
  // The widget writes the address as part of handling a change; read it once that is done.
  for (const type of ['atlas-ready', 'atlas-change']) {
    document.addEventListener(type, () => setTimeout(show, 0));
  }
  window.addEventListener('hashchange', show);
  input.addEventListener('focus', () => input.select());
})();
