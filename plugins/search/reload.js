/* qunzhi serve --watch: reload this page when the site was rebuilt, keeping the scroll
   position; show the build's errors over the page until they are fixed. Injected by the
   local server only: never part of the built site. */
(function () {
  "use strict";
  var KEY = "qunzhi-reload";
  var here = location.pathname + location.search;
  var site = null;
  var overlay = null;

  /* The reader's place: the first turn (#turn-N) on screen and how far down the screen it is,
     so the place holds even when the edit changed the text above; else the scroll offset. */
  function place() {
    var turns = document.querySelectorAll("[id^='turn-']");
    for (var i = 0; i < turns.length; i++) {
      var top = turns[i].getBoundingClientRect().top;
      if (top >= 0) return { page: here, id: turns[i].id, top: top, y: window.scrollY };
    }
    return { page: here, id: null, top: 0, y: window.scrollY };
  }

  function goBack(kept) {
    var turn = kept.id && document.getElementById(kept.id);
    if (turn) window.scrollBy(0, turn.getBoundingClientRect().top - kept.top);
    else window.scrollTo(0, kept.y);
  }

  try {
    var kept = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (kept && kept.page === here) {
      /* after the web fonts (they move the text) and the browser's own jump to a #turn-N
         anchor, which comes after "load" */
      var restore = function () {
        document.fonts.ready.then(function () { setTimeout(function () { goBack(kept); }); });
      };
      if (document.readyState === "complete") restore();
      else window.addEventListener("load", restore);
    }
  } catch (error) { /* storage off: reload without the scroll position */ }

  function reload() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(place()));
    } catch (error) { /* storage off */ }
    location.reload();
  }

  /* In a shadow root: the theme's own styles (pre, strong …) must not reach the overlay. */
  var STYLE = ":host{all:initial;position:fixed;left:0;right:0;bottom:0;z-index:2147483647}" +
    ".box{max-height:60vh;overflow:auto;box-sizing:border-box;padding:1em 1.25em;" +
    "background:#2b0b0b;color:#ffe9e9;border-top:4px solid #e5484d;" +
    "box-shadow:0 -4px 16px rgba(0,0,0,.35);font:15px/1.6 system-ui,sans-serif}" +
    "strong{display:block;color:#fff}" +
    "pre{margin:.5em 0 0;white-space:pre-wrap;overflow-wrap:anywhere;" +
    "font:13px/1.6 ui-monospace,monospace;color:#ffe9e9}";

  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "qunzhi-build-errors";
      overlay.setAttribute("role", "alert");
      var root = overlay.attachShadow({ mode: "open" });
      var style = document.createElement("style");
      style.textContent = STYLE;
      var box = document.createElement("div");
      box.className = "box";
      var title = document.createElement("strong");
      title.textContent = "构建失败，仍显示上一次的网站 · Build failed: showing the previous site";
      box.appendChild(title);
      box.appendChild(document.createElement("pre"));
      root.appendChild(style);
      root.appendChild(box);
      document.body.appendChild(overlay);
    }
    overlay.shadowRoot.querySelector("pre").textContent = lines.join("\n");
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
