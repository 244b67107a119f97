/* 群志 static search: no server, only the JSON files `qunzhi build` exported to /search/.
 *
 * A query is read with the grammar of `qunzhi search` (words, "phrases", -exclusions, OR),
 * folded like the index (full-width to half-width, traditional to simplified, lower case),
 * and cut into the index's own words: the shards a query's first characters name hold the
 * words that start there, so the longest words found are the query's words. Pages holding
 * every word come first, by the BM25 scores of the export; pages holding some follow.
 * Phrases are matched as all of their words (the export keeps no positions).
 *
 * Results come ten a page, the page in the address (?q=…&page=2), as a reader types
 * (after a pause) or submits; only shards the manifest lists are asked for, so a
 * word no page holds costs no request that fails.
 */
(() => {
  "use strict";

  const data = new URL("./", location.href);
  const root = new URL("../", data);
  const LIMIT = 10;
  const PAUSE = 300;  // ms after the last key before results follow the typing
  const cache = new Map();
  let manifest = null;
  let t2s = null;

  const form = document.getElementById("search-form");
  const input = document.getElementById("search-query");
  const typeSelect = document.getElementById("search-type");
  const groupSelect = document.getElementById("search-group");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const pager = document.getElementById("search-pager");
  let current = 1;  // the page of results shown
  // the type names as the page's own filter writes them
  const LABELS = Object.fromEntries([...typeSelect.options].filter((o) => o.value).map((o) => [o.value, o.textContent]));

  function load(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, data)).then((response) => {
        if (response.status === 404) return {};
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return response.json();
      }));
    }
    return cache.get(path);
  }

  const isHan = (c) => /[\u3400-\u9fff\uf900-\ufaff]/.test(c);
  const isWordChar = (c) => /[\p{L}\p{N}]/u.test(c);

  /* Same length out as in, so offsets found in the folded text mark the original. */
  function fold(text) {
    let out = "";
    for (const c of text) {
      const code = c.codePointAt(0);
      let d = code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : code === 0x3000 ? " " : c;
      if (t2s && t2s[d]) d = t2s[d];
      const lower = d.toLowerCase();
      out += lower.length === d.length ? lower : d;
    }
    return out;
  }

  function shardName(prefix, exact) {
    return Array.from(prefix, (c) => c.codePointAt(0).toString(16)).join("-") + (exact ? "_" : "");
  }

  /* The shards holding every word that starts at text[start]. */
  async function shardsAt(text, start) {
    const split = new Set(manifest.split);
    const present = manifest.present || null;
    const names = [];
    let length = 1;
    let prefix = text.substr(start, 1);
    while (split.has(prefix)) {
      names.push(shardName(prefix, true));
      if (start + length >= text.length) { prefix = null; break; }
      length += 1;
      prefix = text.substr(start, length);
    }
    if (prefix) names.push(shardName(prefix, false));
    const wanted = present ? names.filter((name) => present.has(name)) : names;
    const shards = await Promise.all(wanted.map((name) => load(`terms/${name}.json`)));
    return Object.assign({}, ...shards);
  }

  /* Fewest words of the index that make up a run of Chinese characters. */
  async function cutHan(run) {
    const starting = await Promise.all(Array.from(run, (_, i) => shardsAt(run, i)));
    const best = new Array(run.length + 1).fill(null);
    best[run.length] = [];
    for (let i = run.length - 1; i >= 0; i -= 1) {
      let choice = [run[i], ...best[i + 1]];
      for (const word of Object.keys(starting[i])) {
        if (word.length > 1 && run.startsWith(word, i) && best[i + word.length].length + 1 <= choice.length) {
          if (best[i + word.length].length + 1 < choice.length || word.length > choice[0].length) {
            choice = [word, ...best[i + word.length]];
          }
        }
      }
      best[i] = choice;
    }
    const postings = Object.assign({}, ...starting);
    return { words: joinUnknown(best[0], postings), postings };
  }

  /* Characters the index has no word for stay together as one word, as jieba would
     keep 教师 whole: else each of them would count as a word the pages lack. */
  function joinUnknown(words, postings) {
    const joined = [];
    let unknown = "";
    for (const word of words) {
      if (word.length === 1 && !postings[word]) { unknown += word; continue; }
      if (unknown) joined.push(unknown);
      unknown = "";
      joined.push(word);
    }
    if (unknown) joined.push(unknown);
    return joined;
  }

  /* A Latin word as the index holds it: itself, or the longest stem it starts with. */
  async function cutLatin(word) {
    const words = await shardsAt(word, 0);
    if (words[word]) return { words: [word], postings: words };
    const variants = [word, word.replace(/y$/, "i")];
    let found = word;
    for (const term of Object.keys(words)) {
      if (term.length >= Math.max(2, word.length - 4) && term.length > (found === word ? 0 : found.length)
          && variants.some((variant) => variant.startsWith(term))) found = term;
    }
    return { words: [found], postings: words };
  }

  async function analyse(text) {
    const folded = fold(text);
    const runs = folded.match(/[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+/gu) || [];
    const words = [];
    const postings = {};
    for (const run of runs) {
      const cut = isHan(run[0]) ? await cutHan(run) : await cutLatin(run);
      words.push(...cut.words);
      Object.assign(postings, cut.postings);
    }
    return { words, postings };
  }

  class QueryError extends Error {}

  /* { required: [[alternative words…]…], excluded: [[words…]…] }, as qunzhi.search.query. */
  async function parse(text) {
    if (text.length > 200) throw new QueryError(`查询太长（${text.length} 字），请只输入几个词。`);
    text = text.replace(/[“”＂]/g, '"');
    if ((text.match(/"/g) || []).length % 2) throw new QueryError("引号没有配对：请补上或删掉引号。");
    const required = [];
    const excluded = [];
    const postings = {};
    let joinNext = false;
    for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
      const [, phrase, chunk] = match;
      if (phrase === undefined && (chunk === "OR" || chunk === "|")) { joinNext = required.length > 0; continue; }
      if (phrase === undefined && chunk === "AND") continue;
      const exclude = phrase === undefined && chunk.startsWith("-") && chunk.length > 1;
      const { words, postings: found } = await analyse(phrase !== undefined ? phrase : chunk.replace(/^-+/, ""));
      Object.assign(postings, found);
      if (!words.length) continue;
      if (exclude) excluded.push(words);
      else if (phrase !== undefined) add(required, [words], joinNext);
      else {
        add(required, [[words[0]]], joinNext);
        for (const word of words.slice(1)) add(required, [[word]], false);
      }
      joinNext = false;
    }
    if (!required.length) throw new QueryError("请输入要搜索的词语（只有符号或运算符）。");
    return { required, excluded, postings };
  }

  function add(required, unit, join) {
    if (join) required[required.length - 1].push(...unit);
    else required.push(unit);
  }

  /* page -> {score, passage} for pages holding all words of a run. */
  function matchRun(words, postings) {
    let pages = null;
    for (const word of words) {
      const flat = postings[word] || [];
      const found = new Map();
      for (let i = 0; i < flat.length; i += 4) {
        const [page, score, passage, facet] = flat.slice(i, i + 4);
        const before = pages ? pages.get(page) : { score: 0, passage, best: -1, facet };
        if (!before) continue;
        const better = score > before.best;
        found.set(page, { score: before.score + score, passage: better ? passage : before.passage, best: Math.max(score, before.best), facet });
      }
      pages = found;
    }
    return pages || new Map();
  }

  function rank(query, filter) {
    const units = query.required.map((unit) => {
      const merged = new Map();
      for (const words of unit) {
        for (const [page, hit] of matchRun(words, query.postings)) {
          const before = merged.get(page);
          if (!before || hit.score > before.score) merged.set(page, hit);
        }
      }
      return merged;
    });
    const excluded = new Set();
    for (const words of query.excluded) for (const page of matchRun(words, query.postings).keys()) excluded.add(page);
    const total = new Map();
    units.forEach((unit) => {
      for (const [page, hit] of unit) {
        if (excluded.has(page) || !filter(hit.facet)) continue;
        const before = total.get(page) || { page, score: 0, units: 0, passage: hit.passage, best: -1 };
        before.score += hit.score;
        before.units += 1;
        if (hit.best > before.best) { before.best = hit.best; before.passage = hit.passage; }
        total.set(page, before);
      }
    });
    // pages with only some of the words must have at least half of them, as in the terminal
    return [...total.values()]
      .filter((hit) => hit.units * 2 >= units.length)
      .sort((a, b) => b.units - a.units || b.score - a.score || a.page - b.page);
  }

  /* A page's number names its bundle and its slot there; its first part says where
     the page's other parts are. */
  async function page(number, passage) {
    const bundle = await load(`pages/${Math.floor(number / manifest.slots)}.json`);
    const first = bundle[number % manifest.slots];
    const part = Math.floor(passage / manifest.perFile);
    const [where, slot] = part === 0 ? [] : first.more[part - 1];
    const chunk = part === 0 ? first : (await load(`pages/${where}.json`))[slot];
    const [turn, text] = (chunk.p || [])[passage % manifest.perFile] || [0, first.summary || ""];
    return { ...first, turn, text };
  }

  /* The passage as text nodes, with every query word in <mark>. */
  function snippet(text, words) {
    const folded = fold(text);
    const marked = new Array(text.length).fill(false);
    for (const word of words) {
      if (!word) continue;
      for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
        for (let i = at; i < at + word.length; i += 1) marked[i] = true;
      }
    }
    const out = document.createElement("p");
    out.className = "snippet";
    let i = 0;
    while (i < text.length) {
      let j = i;
      while (j < text.length && marked[j] === marked[i]) j += 1;
      const piece = text.slice(i, j);
      if (marked[i]) {
        const mark = document.createElement("mark");
        mark.textContent = piece;
        out.append(mark);
      } else out.append(piece);
      i = j;
    }
    return out;
  }

  /* 2025-10-16 as every other page writes it: 2025年10月16日 */
  function chineseDate(day) {
    const [year, month, date] = day.split("-").map(Number);
    return `${year}年${month}月${date}日`;
  }

  function result(hit, words) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.className = "result-title";
    link.href = new URL(hit.url + (hit.turn ? `#turn-${hit.turn}` : ""), root).href;
    link.textContent = hit.title;
    const meta = document.createElement("p");
    meta.className = "meta";
    const bits = [LABELS[hit.type] || hit.type];
    if (hit.group && manifest.groups[hit.group]) bits.push(manifest.groups[hit.group]);
    if (hit.date) bits.push(chineseDate(hit.date));
    if (hit.turn) bits.push(`第 ${hit.turn} 段发言`);
    meta.textContent = bits.join(" · ");
    item.append(link, meta, snippet(hit.text, words));
    return item;
  }

  /* ?q=…&type=…&group=…&page=N for the query shown (page 1 is left out). */
  function address(text, type, group, number) {
    const params = new URLSearchParams();
    if (text) params.set("q", text);
    if (type) params.set("type", type);
    if (group) params.set("group", group);
    if (number > 1) params.set("page", String(number));
    return params.toString() ? `?${params}` : location.pathname;
  }

  function pageLink(label, number, rel, text, type, group) {
    const link = document.createElement("a");
    link.href = address(text, type, group, number);
    link.rel = rel;
    link.dataset.page = String(number);
    link.textContent = label;
    return link;
  }

  function showPager(total, text, type, group) {
    const count = Math.ceil(total / LIMIT);
    pager.replaceChildren();
    if (count < 2) return;
    if (current > 1) pager.append(pageLink("← 上一页", current - 1, "prev", text, type, group));
    const where = document.createElement("span");
    where.textContent = `第 ${current} / ${count} 页`;
    pager.append(where);
    if (current < count) pager.append(pageLink("下一页 →", current + 1, "next", text, type, group));
  }

  async function run(push = false) {
    const text = input.value.trim();
    const type = typeSelect ? typeSelect.value : "";
    const group = groupSelect ? groupSelect.value : "";
    const there = address(text, type, group, current);
    if (push) history.pushState(null, "", there);
    else history.replaceState(null, "", there);
    delete list.dataset.query;
    if (!text) {
      list.replaceChildren();
      pager.replaceChildren();
      status.textContent = "输入词语开始搜索。";
      return;
    }
    status.textContent = "搜索中…";
    try {
      if (!manifest) {
        manifest = await load("manifest.json");
        if (manifest.shards) manifest.present = new Set(manifest.shards);
      }
      if (!t2s && /[\u3400-\u9fff]/.test(text)) t2s = await load("t2s.json");
      const query = await parse(text);
      const filter = (facet) => {
        const [kind, groupId] = manifest.facets[facet];
        return (!type || kind === type) && (!group || groupId === group);
      };
      const ranked = rank(query, filter);
      const words = query.required.flat(2).concat(query.excluded.flat());
      const count = Math.max(1, Math.ceil(ranked.length / LIMIT));
      if (current > count) {
        current = count;
        history.replaceState(null, "", address(text, type, group, current));
      }
      const first = (current - 1) * LIMIT;
      const shown = ranked.slice(first, first + LIMIT);
      const hits = await Promise.all(shown.map((hit) => page(hit.page, hit.passage)));
      if (input.value.trim() !== text) return;  // typed on meanwhile: that query's turn
      list.start = first + 1;
      list.replaceChildren(...hits.map((hit) => result(hit, words)));
      showPager(ranked.length, text, type, group);
      status.textContent = ranked.length
        ? `找到 ${ranked.length} 条结果${count > 1 ? `，第 ${first + 1}–${first + shown.length} 条` : ""}。`
        : `没有找到和“${text}”有关的内容。换个说法，或者少输入几个词试试。`;
    } catch (error) {
      list.replaceChildren();
      pager.replaceChildren();
      status.textContent = error instanceof QueryError ? error.message : "搜索出错了，请刷新页面再试。";
      if (!(error instanceof QueryError)) console.error(error);
    }
    list.dataset.query = text;  // done: what the results are for (tests wait for it)
  }

  function links() { return [...list.querySelectorAll("a.result-title")]; }

  let typing = 0;
  const fresh = () => { clearTimeout(typing); current = 1; run(); };
  form.addEventListener("submit", (event) => { event.preventDefault(); fresh(); });
  for (const select of [typeSelect, groupSelect]) if (select) select.addEventListener("change", fresh);
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(fresh, PAUSE);
  });
  pager.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-page]");
    if (!link) return;
    event.preventDefault();
    current = Number(link.dataset.page);
    run(true).then(() => { status.scrollIntoView({ block: "start" }); });
  });
  window.addEventListener("popstate", () => { restore(); run(); });
  form.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) { event.preventDefault(); links()[0].focus(); }
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at === -1 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    event.preventDefault();
    if (event.key === "ArrowDown") all[Math.min(at + 1, all.length - 1)].focus();
    else if (at === 0) input.focus();
    else all[at - 1].focus();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && document.activeElement === document.body) { event.preventDefault(); input.focus(); }
  });

  function restore() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    if (typeSelect) typeSelect.value = params.get("type") || "";
    if (groupSelect) groupSelect.value = params.get("group") || "";
    current = Math.max(1, Number.parseInt(params.get("page") || "1", 10) || 1);
  }

  restore();
  if (input.value) run(); else input.focus();
})();
