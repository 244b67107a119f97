/* 群志 on every page, all optional: without JavaScript the links below still work.
 *
 * - A turn's or a quote's link (class copy-link, a plain #turn-N / #quote-N link)
 *   also copies its full address, and says so for a moment.
 * - Print shows the page's own address under the site name.
 */
(() => {
  "use strict";

  document.addEventListener("click", async (event) => {
    const link = event.target.closest("a.copy-link");
    if (!link || !navigator.clipboard) return;
    const address = new URL(link.getAttribute("href"), location.href).href;
    try {
      await navigator.clipboard.writeText(address);
    } catch {
      return;  // not allowed here: the link still goes to the turn
    }
    link.dataset.copied = "";
    link.setAttribute("title", "链接已复制");
    setTimeout(() => { delete link.dataset.copied; link.removeAttribute("title"); }, 1600);
  });

  const printed = () => {
    for (const node of document.querySelectorAll(".print-address")) {
      node.textContent = `${document.title} · ${location.href}`;
    }
  };
  window.addEventListener("beforeprint", printed);
  document.addEventListener("DOMContentLoaded", printed);
})();
