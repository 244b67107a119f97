/* qunzhi serve --watch: reload this page when the site was rebuilt, keeping the scroll
   position; show the build's errors over the page until they are fixed. Injected by the
   local server only: never part of the built site. */
(function () {
  "use strict";
  var KEY = "qunzhi-reload";
  var here = location.pathname + location.search;
  var site = null;
  var overlay = null;

  try {
    var kept = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (kept && kept.page === here) {
      var restore = function () { window.scrollTo(kept.x, kept.y); };
      if (document.readyState === "complete") restore();
      else window.addEventListener("load", restore);
    }
  } catch (error) { /* storage off: reload without the scroll position */ }

  function reload() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(
        { page: here, x: window.scrollX, y: window.scrollY }));
    } catch (error) { /* storage off */ }
    location.reload();
  }

  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "qunzhi-build-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;" +
        "max-height:60vh;overflow:auto;margin:0;padding:1em 1.25em;background:#2b0b0b;" +
        "color:#ffe9e9;border-top:4px solid #e5484d;font:14px/1.6 ui-monospace,monospace;" +
        "box-shadow:0 -4px 16px rgba(0,0,0,.35)";
      var title = document.createElement("strong");
      title.textContent = "构建失败，仍显示上一次的网站 · Build failed: showing the previous site";
      overlay.appendChild(title);
      overlay.appendChild(document.createElement("pre"));
      overlay.lastChild.style.cssText = "margin:.5em 0 0;white-space:pre-wrap;" +
        "word-break:break-all;font:inherit";
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = lines.join("\n");
  }

  function hideErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  var events = new EventSource("/__qunzhi/events");
  events.addEventListener("state", function (message) {
    var state = JSON.parse(message.data);
    if (!state.ok) {
      showErrors(state.errors);
    } else if (site !== null && state.site !== site) {
      reload();
    } else {
      hideErrors();
    }
    site = state.site;
  });
})();
