// Small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Ask before actions that cannot be undone (the button carries data-confirm).
  for (const button of document.querySelectorAll("[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }
  // The edited-wording box matters only for "propose with edited wording".
  for (const form of document.querySelectorAll(".decision-form")) {
    const kind = form.querySelector(".decision-kind");
    const boxes = form.querySelectorAll(".wording");
    if (!kind || boxes.length === 0) continue;
    const sync = () => boxes.forEach((box) => box.classList.toggle("hidden", kind.value !== "proposeEdited"));
    kind.addEventListener("change", sync);
    sync();
  }
  // Uploads can take a moment (PDF, large Word files): show that work is under way.
  for (const form of document.querySelectorAll("form.upload")) {
    form.addEventListener("submit", () => {
      const button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "照合しています…"; }
    });
  }
});

// ---- web-people: copy a link to the clipboard (a button with data-copy="the input's id") ----
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector(".copy-status");
      if (!input) return;
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        input.select();
        document.execCommand("copy");
      }
      if (status) status.textContent = "コピーしました。";
    });
  }
});
// ---- end web-people ----
