// Offline after load: once a widget has drawn its first view and the browser is idle, load what
// later use may need (the code loaded on demand, the chart module and the postcode index), so the
// widget keeps working when the network goes. Once per page, shared by every instance. This is
// itself a small chunk, loaded after the first paint, so it costs the default download next to
// nothing. The imports name the same modules as the code that uses them, so they resolve to the
// same chunk URLs and the module map serves them later without a request.

let prefetching = null;

/** Resolves when the browser is idle (or soon, where it cannot tell). */
function idle() {
  return new Promise((resolve) => {
    if (window.requestIdleCallback) requestIdleCallback(resolve, { timeout: 3000 });
    else setTimeout(resolve, 500);
  });
}

async function prefetchAll(loadCharts, loadPostcodeIndex) {
  await idle();
  // Offline already: prefetching would only record failures (a failed module import may be
  // remembered by the browser), so leave everything to real use.
  if (navigator.onLine === false) return false;
  // Failures are ignored here: they resurface on real use.
  await Promise.allSettled([
    import('./table.js'),
    import('./exports.js'),
    import('./print.js'),
    import('./search.js'),
    import('./chart-tabs.js'),
    import('./fetch-bundle.js'),
    loadCharts(),
    loadPostcodeIndex(),
  ]);
  return true;
}

/**
 * Starts the page's prefetch (once; core.js's loaders are passed in so that this chunk does not
 * import the element's module); resolves with true once it has settled, false if it did not run.
 */
export function prefetchWhenIdle(loadCharts, loadPostcodeIndex) {
  prefetching ??= prefetchAll(loadCharts, loadPostcodeIndex);
  return prefetching;
}
