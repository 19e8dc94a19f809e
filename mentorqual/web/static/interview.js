// The interview page: codings as highlights; select words and press a number (or
// click a code) to code the passage; click one of your highlights to remove it.
"use strict";

(() => {
  const article = document.getElementById("transcript");
  const interview = article.dataset.interview;
  const codes = mq.codeButtons();
  const byIndex = Object.values(codes).sort((a, b) => a.index - b.index);
  let data = null;

  function label(coding) {
    const code = codes[coding.code] ? codes[coding.code].label : coding.code;
    const score = coding.score === null ? "" : " " + coding.score.toFixed(2);
    const who = coding.origin === "human" ? coding.coder : coding.coder + " (maskine" + score + ")";
    return code + " — " + who;
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
      if (mine.length) { span.classList.add("mine"); span.dataset.ids = mine.map((c) => c.id).join(","); }
      span.title = covering.map(label).join("\n");
      textEl.append(span);
    }
  }

  function render() {
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

  article.addEventListener("click", (event) => {
    const span = event.target.closest ? event.target.closest(".hl.mine") : null;
    if (!span || !window.getSelection().isCollapsed) return;
    const id = span.dataset.ids.split(",")[0];
    mq.api("DELETE", "/api/codings/" + id).then(() => { mq.status("Kodning fjernet."); return load(); }).catch(() => {});
  });

  document.getElementById("done").addEventListener("click", () => {
    mq.api("POST", "/api/interviews/" + encodeURIComponent(interview) + "/done")
      .then((r) => { mq.status(r.assessed + " afsnit markeret som vurderet."); return load(); }).catch(() => {});
  });
  document.getElementById("undo").addEventListener("click", () => undo().catch(() => {}));

  document.addEventListener("keydown", (event) => {
    if (mq.ignoredKey(event)) return;
    if (/^[1-9]$/.test(event.key)) {
      const target = byIndex[Number(event.key) - 1];
      if (target) { event.preventDefault(); code(target.button.dataset.code).catch(() => {}); }
    } else if (event.key === "u") {
      event.preventDefault();
      undo().catch(() => {});
    }
  });

  load().catch(() => {});
})();
