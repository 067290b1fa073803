// Resizes <iframe>s that show Work & Health Atlas's embed.html to the height they report.
// Include on the host page:  <script src="https://YOUR-HOST/atlas/embed-resize.js" defer></script>
// Only messages from a frame on the page whose src points at embed.html are honoured.
(function () {
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'work-health-atlas:height' || typeof data.height !== 'number') return;
    var frames = document.querySelectorAll('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      var frame = frames[i];
      if (frame.contentWindow === event.source && /embed\.html/.test(frame.src)) {
        frame.style.height = Math.max(200, Math.min(5000, Math.round(data.height))) + 'px';
      }
    }
  });
})();
