// The interview page: codings as highlights; select words and press a number (or
// click a code) to code the passage; click one of your highlights to open a panel
// where you change its code, write a memo or remove it.
"use strict";

(() => {
  const article = document.getElementById("transcript");
  const interview = article.dataset.interview;
  const codes = mq.codeButtons();
  const byIndex = Object.values(codes).sort((a, b) => a.index - b.index);
  const panel = document.getElementById("coding-panel");
  const panelList = document.getElementById("coding-panel-list");
  let panelOpener = null;
  let data = null;

  function label(coding) {
    const code = codes[coding.code] ? codes[coding.code].label : coding.code;
    const score = coding.score === null ? "" : " " + coding.score.toFixed(2);
    const who = coding.origin === "human" ? coding.coder : coding.coder + " (maskine" + score + ")";
    return code + " — " + who + (coding.memo ? "\nMemo: " + coding.memo : "");
  }

  // Which coding a piece of text shows: your own first, then other humans, then machine.
  function rank(coding) {
    return (coding.mine ? 0 : coding.origin === "human" ? 1 : 2) * 1e9 + (coding.end - coding.start);
  }

  function renderParagraph(div) {
    const start = Number(div.dataset.start), end = Number(div.dataset.end);
    const textEl = div.querySelector(".text");
    const paragraph = data.paragraphs.find((p) => p.id === Number(div.dataset.id));
    const chars = mq.codePoints(paragraph.text);
    const here = data.codings.filter((c) => c.start < end && c.end > start);
    const cuts = new Set([0, chars.length]);
    here.forEach((c) => {
      cuts.add(Math.max(0, c.start - start));
      cuts.add(Math.min(chars.length, c.end - start));
    });
    const points = Array.from(cuts).sort((a, b) => a - b);
    textEl.replaceChildren();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = chars.slice(a, b).join("");
      const covering = here.filter((c) => c.start - start <= a && c.end - start >= b).sort((x, y) => rank(x) - rank(y));
      if (!covering.length) { textEl.append(document.createTextNode(piece)); continue; }
      const top = covering[0];
      const span = document.createElement("span");
      span.textContent = piece;
      span.className = "hl " + (top.origin === "human" ? "human" : "machine") + " " + (codes[top.code] ? codes[top.code].cls : "");
      if (covering.length > 1) span.classList.add("multi");
      const mine = covering.filter((c) => c.mine);
      if (mine.length) {
        span.classList.add("mine");
        span.dataset.ids = mine.map((c) => c.id).join(",");
        span.tabIndex = 0;
        span.setAttribute("role", "button");
      }
      span.title = covering.map(label).join("\n");
      textEl.append(span);
    }
  }

  function render() {
    closePanel();
    article.querySelectorAll(".paragraph").forEach(renderParagraph);
    document.getElementById("assessed").textContent = data.assessed + " / " + data.respondent + " afsnit vurderet";
    article.dataset.rendered = String(Number(article.dataset.rendered || 0) + 1);
  }

  async function load() {
    data = await mq.api("GET", "/api/interviews/" + encodeURIComponent(interview));
    render();
  }

  // The code-point offset in the canonical text of a point in the transcript.
  function offsetOf(node, offset, isEnd) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const div = element.closest(".paragraph");
    if (!div) return null;
    const textEl = div.querySelector(".text");
    if (!textEl.contains(node)) return Number(isEnd ? div.dataset.start : div.dataset.start);
    const range = document.createRange();
    range.setStart(textEl, 0);
    range.setEnd(node, offset);
    return Number(div.dataset.start) + mq.codePoints(range.toString()).length;
  }

  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) return null;
    const start = offsetOf(range.startContainer, range.startOffset, false);
    const end = offsetOf(range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) return null;
    return { start, end };
  }

  async function code(codeName) {
    const span = selectedSpan();
    if (!span) { mq.status("Markér først nogle ord i teksten.", true); return; }
    const result = await mq.api("POST", "/api/codings", { interview, start: span.start, end: span.end, code: codeName });
    window.getSelection().removeAllRanges();
    mq.status("Kodet (" + (codes[codeName] ? codes[codeName].label : codeName) + ").");
    await load();
    return result;
  }

  async function undo() {
    const result = await mq.api("POST", "/api/undo");
    mq.status(result.undone ? "Fortrudt." : "Intet at fortryde.");
    await load();
  }

  document.querySelectorAll("button.code").forEach((button) => {
    button.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
    button.addEventListener("click", () => code(button.dataset.code).catch(() => {}));
  });

  // The panel: your codings under one piece of text, each with its code, memo,
  // Gem (save) and Fjern (remove).
  function passage(coding) {
    const text = data.paragraphs
      .filter((p) => p.start < coding.end && p.end > coding.start)
      .map((p) => mq.codePoints(p.text).slice(Math.max(0, coding.start - p.start), coding.end - p.start).join(""))
      .join(" ").trim();
    const chars = mq.codePoints(text);
    return chars.length > 90 ? chars.slice(0, 89).join("") + "…" : text;
  }

  function button(text, type) {
    const b = document.createElement("button");
    b.type = type;
    b.textContent = text;
    return b;
  }

  function field(text, control) {
    const label = document.createElement("label");
    const caption = document.createElement("span");
    caption.textContent = text;
    label.append(caption, control);
    return label;
  }

  function codingForm(coding) {
    const form = document.createElement("form");
    form.className = "coding";
    form.dataset.id = String(coding.id);
    const quote = document.createElement("p");
    quote.className = "passage";
    quote.textContent = "»" + passage(coding) + "«";
    const select = document.createElement("select");
    select.name = "code";
    byIndex.forEach((c) => {
      const value = c.button.dataset.code;
      select.append(new Option(c.label, value, value === coding.code, value === coding.code));
    });
    const memo = document.createElement("textarea");
    memo.name = "memo";
    memo.rows = 3;
    memo.maxLength = 2000;
    memo.value = coding.memo || "";
    const actions = document.createElement("div");
    actions.className = "actions";
    const remove = button("Fjern", "button");
    actions.append(button("Gem", "submit"), remove);
    form.append(quote, field("Kode", select), field("Memo", memo), actions);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      change(coding.id, { code: select.value, memo: memo.value }).catch(() => {});
    });
    remove.addEventListener("click", () => removeCoding(coding.id).catch(() => {}));
    return form;
  }

  // The line of a highlight the panel opens at: the one clicked, else its last.
  function anchor(span, point) {
    const rects = Array.from(span.getClientRects());
    const hit = point && rects.find((r) => point.x >= r.left && point.x <= r.right && point.y >= r.top && point.y <= r.bottom);
    return hit || rects[rects.length - 1] || span.getBoundingClientRect();
  }

  function openPanel(span, point) {
    const ids = span.dataset.ids.split(",").map(Number);
    panelList.replaceChildren(...data.codings.filter((c) => ids.includes(c.id)).map(codingForm));
    panel.hidden = false;
    panelOpener = span;
    const rect = anchor(span, point), height = panel.offsetHeight;
    const room = document.documentElement.clientWidth - panel.offsetWidth - 16;
    const below = rect.bottom + height + 12 <= window.innerHeight || rect.top < height + 12;
    panel.style.left = window.scrollX + Math.max(8, Math.min(rect.left, room)) + "px";
    panel.style.top = window.scrollY + (below ? rect.bottom + 6 : rect.top - height - 6) + "px";
    panel.querySelector("select").focus();
  }

  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    panelList.replaceChildren();
    if (panelOpener && document.contains(panelOpener)) panelOpener.focus();
    panelOpener = null;
  }

  async function change(id, body) {
    await mq.api("PATCH", "/api/codings/" + id, body);
    mq.status("Kodning gemt.");
    await load();
  }

  async function removeCoding(id) {
    await mq.api("DELETE", "/api/codings/" + id);
    mq.status("Kodning fjernet.");
    await load();
  }

  article.addEventListener("click", (event) => {
    const span = event.target.closest ? event.target.closest(".hl.mine") : null;
    if (!span || !window.getSelection().isCollapsed) return;
    openPanel(span, { x: event.clientX, y: event.clientY });
  });
  document.addEventListener("click", (event) => {
    if (!panel.hidden && !panel.contains(event.target) && !event.target.closest(".hl.mine")) closePanel();
  });
  document.getElementById("coding-panel-close").addEventListener("click", closePanel);

  document.getElementById("done").addEventListener("click", () => {
    mq.api("POST", "/api/interviews/" + encodeURIComponent(interview) + "/done")
      .then((r) => { mq.status(r.assessed + " afsnit markeret som vurderet."); return load(); }).catch(() => {});
  });
  document.getElementById("undo").addEventListener("click", () => undo().catch(() => {}));

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) { event.preventDefault(); closePanel(); return; }
    if (panel.contains(event.target) || mq.ignoredKey(event)) return;
    if ((event.key === "Enter" || event.key === " ") && event.target.matches(".hl.mine")) {
      event.preventDefault();
      openPanel(event.target, null);
    } else if (/^[1-9]$/.test(event.key)) {
      const target = byIndex[Number(event.key) - 1];
      if (target) { event.preventDefault(); code(target.button.dataset.code).catch(() => {}); }
    } else if (event.key === "u") {
      event.preventDefault();
      undo().catch(() => {});
    }
  });

  load().catch(() => {});
})();
