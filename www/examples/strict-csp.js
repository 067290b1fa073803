// Records every Content-Security-Policy violation on this page in window.__cspViolations (read by
// the end-to-end tests) and shows the count on the page. Loaded as a classic script in <head>,
// before the widget's module, so it sees violations from the very start.
(function () {
  const violations = [];
  window.__cspViolations = violations;

  function show() {
    const status = document.getElementById('csp-status');
    if (!status) return;
    status.textContent = violations.length
      ? `Content-Security-Policy violations on this page: ${violations.length} (${violations
          .map((v) => `${v.effectiveDirective} blocked ${v.blockedURI || 'inline code'}`)
          .join('; ')}).`
      : 'Content-Security-Policy violations on this page: none.';
    status.classList.toggle('has-violations', violations.length > 0);
  }

  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      violations.push({
        effectiveDirective: event.effectiveDirective,
        violatedDirective: event.violatedDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
        lineNumber: event.lineNumber,
        sample: event.sample,
      });
      show();
    },
    true,
  );
  document.addEventListener('DOMContentLoaded', show);
})();
