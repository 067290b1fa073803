// Resizes <iframe>s that show Work & Health Atlas's embed.html to the height they report.
// Include on the host page:  <script src="https://YOUR-HOST/atlas/embed-resize.js" defer></script>
// A message is honoured only when it comes from the origin this script was loaded from, from a
// frame on the page whose address is exactly the embed.html beside this script (same origin and
// path; any query): no other site's frame can resize the host's frames.
(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var embed = new URL('embed.html', script.src);
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== embed.origin) return;
    if (!data || data.type !== 'work-health-atlas:height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var frames = document.querySelectorAll('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var url;
      try {
        url = new URL(frame.src, document.baseURI);
      } catch (error) {
        continue;
      }
      if (url.origin === embed.origin && url.pathname === embed.pathname) {
        frame.style.height = Math.max(200, Math.min(5000, Math.round(data.height))) + 'px';
      }
    }
  });
})();
