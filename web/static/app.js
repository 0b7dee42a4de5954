// The page's only script: it sends forms and puts the HTML the server answers in place
// (the logic stays in Go). No library, no build step; works offline.
"use strict";
(function () {
  const HDR = { "X-Wolkvox-Page": "1" };
  const flow = () => document.getElementById("flow");

  function swap(target, html) {
    const el = document.querySelector(target);
    if (!el) return;
    el.innerHTML = html;
    init(el);
  }

  async function send(url, body, target) {
    let res;
    try {
      res = await fetch(url, { method: body ? "POST" : "GET", body: body, headers: HDR, credentials: "same-origin" });
    } catch (e) {
      swap(target, '<div class="error" role="alert">' + String(e) + "</div>");
      return;
    }
    swap(target, await res.text());
  }

  function formBody(withToken) {
    const fd = new FormData(flow());
    fd.delete("mapping_file");
    if (!withToken) fd.delete("token");
    return new URLSearchParams(fd);
  }

  async function saveMapping(url) {
    const res = await fetch(url, { method: "POST", body: formBody(false), headers: HDR, credentials: "same-origin" });
    if (!res.ok) { swap("#check", await res.text()); return; }
    const cd = res.headers.get("Content-Disposition") || "";
    const m = /filename="([^"]+)"/.exec(cd);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(await res.blob());
    a.download = m ? m[1] : "mapping.yaml";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function toggle(sel) {
    const label = document.querySelector('[data-shows="' + sel.id + '"]');
    if (label) label.hidden = !(sel.value === "=value" || sel.value === "=template");
  }

  let pollTimer = null;
  function init(root) {
    root.querySelectorAll("select[data-toggle]").forEach((s) => { toggle(s); s.addEventListener("change", () => toggle(s)); });
    root.querySelectorAll("[data-load]").forEach((el) => send(el.dataset.load, null, "#" + el.id));
    const poll = root.querySelector("[data-poll]") || (root.matches && root.matches("[data-poll]") ? root : null);
    if (poll) {
      clearTimeout(pollTimer);
      pollTimer = setTimeout(() => send(poll.dataset.poll, null, "#run"), 400);
    } else if (root.querySelector && root.querySelector('[data-finished="true"]')) {
      send("/history", null, "#history");
    }
    const first = root.querySelector("[data-autofocus]");
    if (first) first.focus();
  }

  document.addEventListener("click", (ev) => {
    const settle = ev.target.closest("button[data-settle]");
    if (settle) {
      // One uncertain row: the id typed beside it, or "not in Wolkvox".
      ev.preventDefault();
      const body = new URLSearchParams({ key: settle.dataset.settle });
      const input = settle.closest("tr").querySelector('input[name="settle-id"]');
      if (settle.dataset.no) body.set("no", "1"); else body.set("id", input ? input.value : "");
      send("/settle", body, "#history");
      return;
    }
    const b = ev.target.closest("button[data-post], button[data-get], button[data-save]");
    if (!b) return;
    ev.preventDefault();
    if (b.dataset.save) { saveMapping(b.dataset.save); return; }
    if (b.dataset.get) { send(b.dataset.get, null, b.dataset.target); return; }
    send(b.dataset.post, formBody(b.dataset.post === "/import"), b.dataset.target);
  });

  document.addEventListener("change", (ev) => {
    const el = ev.target;
    if (el.id === "file" && el.files.length) {
      const fd = new FormData();
      fd.append("file", el.files[0]);
      el.value = ""; // the same file chosen again is opened again
      send("/upload", fd, "#work");
      return;
    }
    if (el.dataset.upload && el.files && el.files.length) {
      const fd = new FormData(flow());
      fd.delete("token");
      send(el.dataset.upload, fd, el.dataset.target);
      return;
    }
    if (el.dataset.change) { send(el.dataset.change, formBody(false), el.dataset.target); return; }
    if (el.hasAttribute("data-edit")) {
      const body = formBody(false);
      body.set("row", el.dataset.row);
      body.set("col", el.dataset.col);
      body.set("text", el.value);
      send("/edit", body, "#check");
    }
  });

  // Enter in a cell being edited checks again at once.
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && ev.target.hasAttribute && ev.target.hasAttribute("data-edit")) {
      ev.preventDefault();
      ev.target.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  // A file dropped anywhere on the drop zone is opened as if chosen.
  document.addEventListener("DOMContentLoaded", () => {
    const drop = document.getElementById("drop");
    const input = document.getElementById("file");
    ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
    ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      if (e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    init(document);
  });
})();
