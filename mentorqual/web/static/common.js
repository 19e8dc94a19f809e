// Shared by the pages: the JSON API with the CSRF token, status messages, and
// code points (the API's offsets) rather than JavaScript's UTF-16 units.
"use strict";

const mq = (() => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const statusBox = document.getElementById("status");
  let statusTimer = null;

  function status(message, isError) {
    statusBox.textContent = message;
    statusBox.className = isError ? "error" : "";
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { statusBox.textContent = ""; }, 4000);
  }

  async function api(method, url, body) {
    const options = { method, headers: { "X-CSRF-Token": token }, credentials: "same-origin" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) {
      const message = data.error || ("Fejl " + response.status);
      status(message, true);
      throw new Error(message);
    }
    return data;
  }

  function codePoints(text) { return Array.from(text); }

  // Whether a key event should be left to a form field or a modifier shortcut.
  function ignoredKey(event) {
    const tag = (event.target.tagName || "").toLowerCase();
    return event.ctrlKey || event.metaKey || event.altKey || tag === "input" || tag === "textarea";
  }

  function codeButtons() {
    const found = {};
    document.querySelectorAll("button.code").forEach((button, n) => {
      found[button.dataset.code] = { button, index: n, cls: button.dataset.class, label: button.textContent.trim().replace(/^\d\s*/, "") };
    });
    return found;
  }

  return { api, status, codePoints, ignoredKey, codeButtons };
})();
