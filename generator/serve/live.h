// Internal to the serve stage: the live-reload client served at /_apiref/live.js and the tag
// that loads it into every HTML page.
#pragma once

namespace apiref {

// Loaded by <script src="/_apiref/live.js" data-site="N" defer>, N the number of the build the
// page came from. Listens to /_apiref/events. A build that succeeds after the one the page was loaded from
// reloads the page (keeping its scroll position); a failed build shows its errors over the
// page until the next good one. Text is inserted with textContent, never as HTML.
inline constexpr const char* kLiveScript = R"JS((function () {
  'use strict';
  var key = 'apiref-live-scroll:' + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      var y = +saved;
      var restore = function () { window.scrollTo(0, y); };
      if (document.readyState === 'complete') restore(); else window.addEventListener('load', restore);
    }
  } catch (e) { /* storage may be off */ }
  var me = document.currentScript;
  var loaded = me && me.hasAttribute('data-site') ? +me.getAttribute('data-site') : null;
  var overlay = null;
  function showErrors(text) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'apiref-live-errors';
      overlay.setAttribute('role', 'alert');
      Object.assign(overlay.style, {
        position: 'fixed', left: '0', right: '0', top: '0', maxHeight: '60vh', overflow: 'auto',
        zIndex: '2147483647', background: '#2b0b0b', color: '#ffd9d9', padding: '12px 16px',
        font: '13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace', boxShadow: '0 2px 12px rgba(0,0,0,.5)'
      });
      var title = document.createElement('strong');
      title.textContent = 'apiref serve: the last edit does not build; this page shows the last good build.';
      var pre = document.createElement('pre');
      // Explicit colours: the site's own styles for <pre> must not make the text unreadable.
      Object.assign(pre.style, { whiteSpace: 'pre-wrap', margin: '8px 0 0', padding: '0', border: '0',
                                 background: 'transparent', color: '#ffd9d9', font: 'inherit' });
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.documentElement.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }
  var source = new EventSource('/_apiref/events');
  source.addEventListener('build', function (ev) {
    var b = JSON.parse(ev.data);
    // Tests and tools can tell that the page listens: <html data-apiref-live="N">.
    document.documentElement.setAttribute('data-apiref-live', String(b.site));
    if (!b.ok) { showErrors(b.errors); return; }
    if (loaded === null) { loaded = b.site; if (overlay) { overlay.remove(); overlay = null; } return; }
    if (b.site !== loaded) reload();
    else if (overlay) { overlay.remove(); overlay = null; }
  });
})();
)JS";

}  // namespace apiref
