// The review page: one paragraph at a time, in context. a accepts the chosen codes,
// x rejects (assessed, no code), space skips, u undoes, a number toggles a code.
"use strict";

(() => {
  const codes = mq.codeButtons();
  const byIndex = Object.values(codes).sort((a, b) => a.index - b.index);
  let item = null;
  let chosen = new Set();

  function showChosen() {
    Object.entries(codes).forEach(([code, c]) => c.button.classList.toggle("on", chosen.has(code)));
  }

  function renderParagraph(paragraph, evidence) {
    const target = document.getElementById("paragraph");
    const chars = mq.codePoints(paragraph.text);
    const marked = new Array(chars.length).fill(false);
    evidence.forEach(([a, b]) => {
      for (let i = Math.max(0, a - paragraph.start); i < Math.min(chars.length, b - paragraph.start); i++) marked[i] = true;
    });
    target.replaceChildren();
    let i = 0;
    while (i < chars.length) {
      let j = i;
      while (j < chars.length && marked[j] === marked[i]) j++;
      const piece = chars.slice(i, j).join("");
      if (marked[i]) { const m = document.createElement("mark"); m.textContent = piece; target.append(m); }
      else target.append(document.createTextNode(piece));
      i = j;
    }
  }

  const WHO = { rules: "reglerne", classifier: "klassifikatoren", machine: "maskinen (klassifikator og regler)" };

  // How the paragraphs are ordered, and when the classifier learns next.
  function showModel(item) {
    const line = document.getElementById("model");
    const origin = { stored: "projektets gemte klassifikator", retrained: "en klassifikator genoptrænet på dine valg" };
    let text = item.order === "uncertainty"
      ? "Mest usikre først, efter " + origin[item.model] + " (" + item.model_paragraphs + " afsnit)."
      : "Læserækkefølge: ingen klassifikator endnu.";
    const verb = item.model ? "Genoptræner" : "Træner en klassifikator";
    text += item.retraining ? " " + verb + " nu …" : " " + verb + " efter " + item.retrain_in + " beslutninger mere.";
    line.textContent = text;
    line.title = item.note || "";
    line.dataset.order = item.order;
    line.dataset.model = item.model || "";
  }

  function show(next) {
    item = next.done ? null : next;
    const section = document.getElementById("review");
    if (!item) {
      section.classList.add("empty");
      document.getElementById("where").textContent = "Alle afsnit er vurderet.";
      ["question", "paragraph", "suggested", "model"].forEach((id) => { document.getElementById(id).textContent = ""; });
      chosen = new Set();
      showChosen();
      section.dataset.paragraph = "";
      return;
    }
    section.classList.remove("empty");
    document.getElementById("where").textContent =
      item.interview + " · " + item.paragraph.locator + " · " + item.paragraph.speaker + " · " + item.left + " tilbage";
    document.getElementById("question").textContent = item.question;
    renderParagraph(item.paragraph, item.evidence);
    const names = item.suggested.map((c) => (codes[c] ? codes[c].label : c));
    document.getElementById("suggested").textContent = item.suggested_by
      ? "Forslag fra " + (WHO[item.suggested_by] || item.suggested_by) + ": " + names.join(", ")
      : "Intet maskinforslag: vælg koderne med tallene, eller afvis.";
    showModel(item);
    chosen = new Set(item.suggested);
    showChosen();
    section.dataset.paragraph = String(item.paragraph.id);
  }

  async function next() { show(await mq.api("GET", "/api/review/next")); }

  async function decide(decision) {
    if (!item) return;
    if (decision === "accept" && !chosen.size) { mq.status("Vælg mindst én kode, eller afvis (x).", true); return; }
    await mq.api("POST", "/api/review/" + item.paragraph.id, { decision, codes: Array.from(chosen) });
    mq.status({ accept: "Accepteret.", reject: "Afvist.", skip: "Sprunget over." }[decision]);
    await next();
  }

  async function undo() {
    const result = await mq.api("POST", "/api/undo");
    mq.status(result.undone ? "Fortrudt." : "Intet at fortryde.");
    await next();
  }

  function toggle(code) {
    if (chosen.has(code)) chosen.delete(code); else chosen.add(code);
    showChosen();
  }

  document.querySelectorAll("button.code").forEach((b) => b.addEventListener("click", () => toggle(b.dataset.code)));
  document.getElementById("accept").addEventListener("click", () => decide("accept").catch(() => {}));
  document.getElementById("reject").addEventListener("click", () => decide("reject").catch(() => {}));
  document.getElementById("skip").addEventListener("click", () => decide("skip").catch(() => {}));
  document.getElementById("undo").addEventListener("click", () => undo().catch(() => {}));

  document.addEventListener("keydown", (event) => {
    if (mq.ignoredKey(event)) return;
    const actions = { a: "accept", x: "reject", " ": "skip" };
    if (actions[event.key]) { event.preventDefault(); decide(actions[event.key]).catch(() => {}); }
    else if (event.key === "u") { event.preventDefault(); undo().catch(() => {}); }
    else if (/^[1-9]$/.test(event.key) && byIndex[Number(event.key) - 1]) {
      event.preventDefault();
      toggle(byIndex[Number(event.key) - 1].button.dataset.code);
    }
  });

  next().catch(() => {});
})();
