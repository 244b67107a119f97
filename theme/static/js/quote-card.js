/* 群志 quote cards, on a transcript's page: each quote gets a button that draws it as a
 * 1200x630 picture, shown in a dialog to save (a download, or a long press on a phone) or
 * to send on. Drawn here from the quote on the page, not at build time: a PNG per quote
 * was 12,305 files and 234 MB of a 10,000-document site, past what static hosts take.
 * The look is that of the page cards (card.png, plugins/hub/cards.py): same size, colours
 * and margins, the quote large, the transcript's title and who said it below.
 * Without JavaScript there is no button; the quote and its link are unchanged.
 */
(() => {
  "use strict";

  const WIDTH = 1200, HEIGHT = 630, MARGIN = 80;
  const BACKGROUND = "#f8f7f3", INK = "#1d2126", MUTED = "#585f68", ACCENT = "#0b6566", WARM = "#a3471c";
  const NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)";
  const FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", ' +
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

  const font = (context, size) => { context.font = `bold ${size}px ${FONTS}`; };
  /* `words` with the top of the font's ascent at `top`, as Pillow places text. */
  const put = (context, words, left, top) =>
    context.fillText(words, left, top + context.measureText(words).fontBoundingBoxAscent);

  /* Lines of at most `room` pixels: CJK text broken between any two characters, never
   * before closing punctuation; the last of `rows` lines ends in … when text is left. */
  const wrap = (context, text, room, rows) => {
    const lines = [];
    let line = "";
    for (const character of text.split(/\s+/).filter(Boolean).join(" ")) {
      if (context.measureText(line + character).width <= room || (NO_LINE_START.includes(character) && line)) {
        line += character;
        continue;
      }
      lines.push(line.trimEnd());
      line = character.trimStart();
      if (lines.length === rows) {
        let last = lines[rows - 1];
        while (last && context.measureText(last + "…").width > room) last = [...last].slice(0, -1).join("");
        lines[rows - 1] = last + "…";
        return lines;
      }
    }
    if (line) lines.push(line);
    return lines;
  };

  /* The card of a quote: its words, the page's title, who said it and the site's name. */
  const draw = ({ quote, title, lines }) => {
    const canvas = document.createElement("canvas");
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const context = canvas.getContext("2d");
    context.fillStyle = BACKGROUND;
    context.fillRect(0, 0, WIDTH, HEIGHT);
    context.fillStyle = ACCENT;
    context.fillRect(0, 0, 18, HEIGHT);
    const room = WIDTH - 2 * MARGIN;
    let top = 64;
    font(context, 30);
    const label = "金句";
    const width = context.measureText(label).width + 40;
    context.beginPath();
    context.roundRect(MARGIN, top, width, 52, 26);
    context.fill();
    context.fillStyle = BACKGROUND;
    put(context, label, MARGIN + 20, top + 8);
    top += 100;
    font(context, 110);
    context.fillStyle = WARM;
    put(context, "“", MARGIN - 8, top - 70);
    top += 20;
    font(context, 52);
    context.fillStyle = INK;
    for (const line of wrap(context, quote, room, 4)) {
      top += 74;
      put(context, line, MARGIN, top - 52);
    }
    top += 30;
    font(context, 32);
    context.fillStyle = MUTED;
    for (const line of wrap(context, title, room, 1)) {
      put(context, line, MARGIN, top);
      top += 48;
    }
    top = Math.max(top + 16, HEIGHT - 90 - 46 * lines.length);
    for (const line of lines.slice(0, 3)) {
      for (const row of wrap(context, line, room, 1)) put(context, row, MARGIN, top);
      top += 46;
    }
    return canvas;
  };

  /* What the card of `block` (a blockquote.quote) shows, read from the page. */
  const shown = (block) => {
    const words = block.cloneNode(true);
    words.querySelector("footer")?.remove();
    const speaker = block.querySelector("footer .quote-speaker");
    const site = document.querySelector('meta[property="og:site_name"]')?.content || "";
    return {
      quote: words.textContent.trim(),
      title: document.querySelector("h1")?.textContent.trim() || document.title,
      lines: [speaker ? `—— ${speaker.textContent.trim()}` : "", site].filter(Boolean),
    };
  };

  let dialog = null;
  const opened = () => {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "card-dialog";
    dialog.setAttribute("aria-labelledby", "card-dialog-title");
    dialog.innerHTML =
      '<h2 id="card-dialog-title">金句卡片</h2>' +
      '<img width="1200" height="630" alt="">' +
      "<p>保存图片，或在手机上长按图片发给朋友。</p>" +
      '<p class="card-actions"><a class="button" download>保存图片</a> ' +
      '<button type="button" class="card-close">关闭</button></p>';
    dialog.querySelector(".card-close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
    document.body.append(dialog);
    return dialog;
  };

  const show = (block, button) => {
    const card = shown(block);
    const picture = draw(card).toDataURL("image/png");
    const view = opened();
    const image = view.querySelector("img");
    image.src = picture;
    image.alt = `金句卡片：${card.quote}`;
    const save = view.querySelector("a[download]");
    save.href = picture;
    const page = location.pathname.split("/").filter(Boolean).pop() || "quote";
    save.download = `${page}-${block.id}.png`;
    view.addEventListener("close", () => button.focus(), { once: true });
    view.showModal();
  };

  const ready = () => {
    if (!document.createElement("canvas").getContext || !window.HTMLDialogElement) return;
    for (const block of document.querySelectorAll(".transcript blockquote.quote[id]")) {
      const links = block.querySelector("footer .quote-links");
      if (!links) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "quote-card";
      button.textContent = "金句卡片";
      button.addEventListener("click", () => show(block, button));
      links.append(" ", button);
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
