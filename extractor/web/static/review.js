// Curator review page. Paper text is untrusted: it only ever enters the DOM through
// textContent / createTextNode, never innerHTML. Offsets are Python str offsets (code
// points), so text is handled as an array of code points, not UTF-16 units.
"use strict";

(() => {
  const LABELS = ["CELL", "VESICLE", "CYTOKINE", "DOSE", "OUTCOME_SCORE"];
  const DIGIT = { 1: "CELL", 2: "VESICLE", 3: "CYTOKINE", 4: "DOSE", 5: "OUTCOME_SCORE" };
  const LETTER = { c: "CELL", v: "VESICLE", k: "CYTOKINE", d: "DOSE", o: "OUTCOME_SCORE" };
  const TAG = { CELL: "C", VESICLE: "V", CYTOKINE: "K", DOSE: "D", OUTCOME_SCORE: "S" };
  const VOCAB_FIELDS = ["disease", "intervention", "model", "design", "routes"];

  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const docId = document.body.dataset.docId || null;
  let curator = localStorage.getItem("extractor.curator") || "";
  let view = null;      // the document as the server last sent it
  let cps = [];         // its text as code points
  let items = [];       // navigation queue: {kind: "entity"|"record", id}
  let focus = 0;
  let docList = [];
  let vocab = {};

  const $ = (sel) => document.querySelector(sel);
  const el = (tag, cls, text) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  };

  function say(msg, kind) {
    const s = $("#status");
    s.textContent = msg || "";
    s.className = kind || "";
  }

  // ------------------------------------------------------------------ curator name
  function showCurator() {
    $("#curator").value = curator;
    $("#whoami").textContent = curator ? `curating as ${curator}` : "enter your name to edit";
    document.body.classList.toggle("anonymous", !curator);
  }
  $("#who").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const name = $("#curator").value.trim();
    if (!name) return;
    curator = name;
    localStorage.setItem("extractor.curator", curator);
    showCurator();
    $("#curator").blur();
    const t = $("#text");
    if (t) t.focus();
  });

  // ------------------------------------------------------------------ server calls
  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.error || `${r.status} ${r.statusText}`);
    return data;
  }

  async function post(url, body) {
    if (!curator) {
      say("Enter your curator name first (top left).", "error");
      $("#curator").focus();
      return null;
    }
    let r;
    try {
      r = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": csrf,
          "X-Curator": curator,
        },
        body: JSON.stringify(body || {}),
      });
    } catch (err) {
      say(`not saved: server unreachable (${err.message})`, "error");
      return null;
    }
    const data = await r.json().catch(() => ({}));
    if (r.ok) {
      return data;
    }
    if (r.status === 409 && data.conflict) {
      const c = data.conflict;
      say(`${data.error}. Their value: ${JSON.stringify(c.current)}`, "conflict");
      await load(); // show the other curator's change
      return null;
    }
    say(data.error || `${r.status} ${r.statusText}`, "error");
    return null;
  }

  const api = (path) => `/api/doc/${encodeURIComponent(docId)}${path}`;

  // ------------------------------------------------------------------ rendering
  function entities() {
    return view ? view.entities : [];
  }
  function activeEntities() {
    return entities().filter((e) => e.status !== "rejected");
  }
  function entityById(id) {
    return entities().find((e) => e.id === id);
  }
  function recordById(id) {
    return view.records.find((r) => r.id === id);
  }
  function current() {
    return items[focus] || null;
  }

  function buildQueue() {
    const keep = current();
    const ents = entities()
      .slice()
      .sort((a, b) => a.confidence - b.confidence || a.start - b.start)
      .map((e) => ({ kind: "entity", id: e.id, confidence: e.confidence }));
    const recs = view.records.map((r) => ({ kind: "record", id: r.id, confidence: r.confidence }));
    // one queue, least confident first; stable sort keeps entities in text order among equals
    items = ents.concat(recs).sort((a, b) => a.confidence - b.confidence);
    if (keep) {
      const i = items.findIndex((x) => x.kind === keep.kind && x.id === keep.id);
      focus = i >= 0 ? i : Math.min(focus, items.length - 1);
    }
    if (focus < 0) focus = 0;
  }

  function renderText() {
    const box = $("#text");
    box.replaceChildren();
    let pos = 0;
    const cur = current();
    for (const e of activeEntities()) {
      if (e.start < pos) continue; // pipeline overlap: show the first, list both in the queue
      box.append(document.createTextNode(cps.slice(pos, e.start).join("")));
      const m = el("mark", `ent lbl-${e.label} st-${e.status}`, cps.slice(e.start, e.end).join(""));
      m.dataset.id = e.id;
      m.dataset.tag = TAG[e.label];
      m.title = `${e.label} · norm ${e.norm} · ${e.status} · confidence ${e.confidence}`;
      if (cur && cur.kind === "entity" && cur.id === e.id) m.classList.add("focus");
      box.append(m);
      pos = e.end;
    }
    box.append(document.createTextNode(cps.slice(pos).join("")));
  }

  function renderQueue() {
    const ol = $("#queue");
    ol.replaceChildren();
    const cur = current();
    for (const it of items) {
      if (it.kind !== "entity") continue;
      const e = entityById(it.id);
      const li = el("li", `st-${e.status}`);
      li.dataset.id = e.id;
      const tag = el("span", `ent lbl-${e.label}`, e.text);
      tag.dataset.tag = TAG[e.label];
      const norm = e.norm ? el("span", "norm", `→ ${e.norm}`) : el("span", "norm unset", "→ norm to set (n)");
      li.append(tag, norm, el("span", "conf", e.confidence.toFixed(2)),
        el("span", "status", e.status));
      if (cur && cur.kind === "entity" && cur.id === e.id) li.classList.add("focus");
      li.addEventListener("click", () => setFocus("entity", e.id));
      ol.append(li);
    }
  }

  function sentenceAround(start, end) {
    // a sentence ends at a newline, or at . ! ? followed by a blank and a capital or digit
    // (so "et al. (14)" and "i.v.;" do not cut it); bounded for text without full stops
    const startsSentence = (i) =>
      i <= 0 || cps[i - 1] === "\n" ||
      (/\s/.test(cps[i - 1]) && /[.!?]/.test(cps[i - 2] || "") && /[A-Z0-9]/.test(cps[i] || ""));
    let a = start;
    while (a > 0 && start - a < 400 && !startsSentence(a)) a--;
    let b = end;
    while (b < cps.length && b - end < 400 && !(cps[b] === "\n" || startsSentence(b + 2))) b++;
    if (b < cps.length && cps[b] !== "\n") b++;
    return [cps.slice(a, start).join(""), cps.slice(start, end).join(""), cps.slice(end, b).join("")];
  }

  function fieldRow(rec, f) {
    const row = el("div", "field");
    row.dataset.field = f.name;
    const id = `f-${rec.id}-${f.name}`;
    const lab = el("label", "fname", f.name);
    lab.htmlFor = id;
    const input = el("input");
    input.id = id;
    input.value = f.value;
    input.maxLength = 2000;
    input.dataset.saved = f.value;
    input.dataset.version = String(f.version);
    input.dataset.record = rec.id;
    input.dataset.field = f.name;
    if (VOCAB_FIELDS.includes(f.name)) input.setAttribute("list", `vocab-${f.name}`);
    input.addEventListener("keydown", onFieldKey);
    input.addEventListener("change", () => saveField(input));
    const conf = el("span", "conf", f.confidence.toFixed(2));
    const ev = el("blockquote", "evidence");
    for (const span of f.evidence) {
      const [pre, hit, post] = sentenceAround(span.start, span.end);
      const q = el("span", "sentence");
      q.append(document.createTextNode(pre), el("mark", "hit", hit), document.createTextNode(post));
      ev.append(q);
    }
    const who = f.edited_by ? el("span", "edited", `edited by ${f.edited_by}`) : el("span");
    const err = el("span", "ferr");
    err.setAttribute("aria-live", "polite");
    row.append(lab, input, conf, who, err, ev);
    return row;
  }

  function renderRecords() {
    const box = $("#records");
    box.replaceChildren();
    const cur = current();
    for (const r of view.records) {
      const div = el("div", `record st-${r.status}`);
      div.dataset.id = r.id;
      if (cur && cur.kind === "record" && cur.id === r.id) div.classList.add("focus");
      const h = el("h3", null, r.study_id);
      h.append(el("span", "status", ` ${r.status}`), el("span", "conf", ` min confidence ${r.confidence.toFixed(2)}`));
      h.addEventListener("click", () => setFocus("record", r.id));
      div.append(h);
      for (const c of r.conflicts) div.append(el("p", "conflict", `source conflict on ${c.field}: ${JSON.stringify(c.values)}`));
      if (r.evidence.length) {
        const ev = el("blockquote", "evidence record-evidence");
        for (const span of r.evidence) {
          const q = el("span", "sentence");
          q.append(el("mark", "hit", cps.slice(span.start, span.end).join("")));
          ev.append(q);
        }
        div.append(ev);
      } else if (!r.has_evidence) {
        div.append(el("p", "none", "no evidence span for this record"));
      }
      for (const f of r.fields) div.append(fieldRow(r, f));
      box.append(div);
    }
    if (!view.records.length) box.append(el("p", "none", "no study records in this document"));
  }

  function renderVocab() {
    for (const name of VOCAB_FIELDS) {
      const key = { disease: "diseases", intervention: "interventions", model: "models", design: "designs", routes: "routes" }[name];
      const dl = el("datalist");
      dl.id = `vocab-${name}`;
      for (const v of vocab[key] || []) {
        const o = el("option");
        o.value = v;
        dl.append(o);
      }
      document.body.append(dl);
    }
  }

  function render() {
    const title = $("#doc-title");
    title.replaceChildren(document.createTextNode(view.title || view.doc_id),
      el("span", "source", `${view.doc_id} — ${view.source}`));
    buildQueue();
    renderText();
    renderQueue();
    renderRecords();
    const done = view.entities.filter((e) => e.status !== "pending").length;
    document.title = `extractor review · ${view.doc_id} · ${done}/${view.entities.length}`;
  }

  function scrollToFocus() {
    const cur = current();
    if (!cur) return;
    const sel = cur.kind === "entity" ? `#text mark[data-id="${CSS.escape(cur.id)}"]` : `.record[data-id="${CSS.escape(cur.id)}"]`;
    const n = document.querySelector(sel);
    if (n) n.scrollIntoView({ block: "center" });
    const q = document.querySelector(`#queue li[data-id="${CSS.escape(cur.id)}"]`);
    if (cur.kind === "entity" && q) {
      // scroll the queue list only, not the whole side panel
      const ol = q.parentElement;
      if (q.offsetTop < ol.scrollTop || q.offsetTop + q.offsetHeight > ol.scrollTop + ol.clientHeight) {
        ol.scrollTop = q.offsetTop - ol.clientHeight / 2;
      }
    }
  }

  function markFocus() {
    // moving the focus only swaps classes: re-rendering a whole review per keystroke is slow
    for (const n of document.querySelectorAll(".focus")) n.classList.remove("focus");
    const cur = current();
    if (!cur) return;
    const sel =
      cur.kind === "entity"
        ? [`#text mark[data-id="${CSS.escape(cur.id)}"]`, `#queue li[data-id="${CSS.escape(cur.id)}"]`]
        : [`.record[data-id="${CSS.escape(cur.id)}"]`];
    for (const s of sel) {
      const n = document.querySelector(s);
      if (n) n.classList.add("focus");
    }
  }

  function setFocus(kind, id) {
    const i = items.findIndex((x) => x.kind === kind && x.id === id);
    if (i >= 0) focus = i;
    markFocus();
    scrollToFocus();
  }

  async function load() {
    view = await getJSON(api(""));
    cps = Array.from(view.text);
    render();
  }

  function apply(data) {
    if (!data) return false;
    const sameText = view && view.text === data.text;
    view = data;
    if (!sameText) cps = Array.from(view.text);
    render();
    return true;
  }

  // ------------------------------------------------------------------ actions
  function selectionOffsets() {
    const sel = window.getSelection();
    const box = $("#text");
    if (!sel || sel.isCollapsed || !sel.rangeCount || !box) return null;
    const r = sel.getRangeAt(0);
    if (!box.contains(r.startContainer) || !box.contains(r.endContainer)) return null;
    const pre = document.createRange();
    pre.setStart(box, 0);
    pre.setEnd(r.startContainer, r.startOffset);
    const u16start = pre.toString().length;
    const u16end = u16start + r.toString().length;
    // UTF-16 units -> code points (Python offsets)
    const full = view.text;
    const start = Array.from(full.slice(0, u16start)).length;
    const end = start + Array.from(full.slice(u16start, u16end)).length;
    return start < end ? { start, end } : null;
  }

  async function labelSelection(label, span) {
    const hits = activeEntities().filter((e) => e.start < span.end && span.start < e.end);
    let data;
    if (hits.length === 0) {
      data = await post(api("/entities"), { start: span.start, end: span.end, label });
      if (data) {
        window.getSelection().removeAllRanges();
        apply(data);
        setFocus("entity", data.added);
        say(`added ${label}`);
      }
      return;
    }
    if (hits.length > 1) {
      say("the selection overlaps several entities; reject the extra ones first (r)", "error");
      return;
    }
    const e = hits[0];
    data = await post(api(`/entity/${encodeURIComponent(e.id)}`), {
      action: "respan", start: span.start, end: span.end, label, version: e.version,
    });
    if (apply(data)) {
      window.getSelection().removeAllRanges();
      setFocus("entity", e.id);
      say(`re-spanned as ${label}`);
    }
  }

  async function entityAction(action, extra) {
    const cur = current();
    if (!cur || cur.kind !== "entity") return;
    const e = entityById(cur.id);
    const data = await post(api(`/entity/${encodeURIComponent(e.id)}`), Object.assign({ action, version: e.version }, extra || {}));
    if (!apply(data)) return;
    const now = entityById(e.id);
    if (now && !now.norm) say(`${action}: ${e.text}; its norm is cleared: press n to set it`);
    else say(`${action}: ${e.text}`);
  }

  async function recordAction(action) {
    const cur = current();
    if (!cur || cur.kind !== "record") return;
    const r = recordById(cur.id);
    const data = await post(api(`/record/${encodeURIComponent(r.id)}/status`), { action, version: r.status_version });
    if (apply(data)) say(`${action}: record ${r.study_id}`);
  }

  async function saveField(input) {
    if (input.value === input.dataset.saved || input.dataset.busy) return true;
    input.dataset.busy = "1";
    const err = input.parentElement.querySelector(".ferr");
    const data = await post(api(`/record/${encodeURIComponent(input.dataset.record)}/field/${encodeURIComponent(input.dataset.field)}`), {
      value: input.value, version: Number(input.dataset.version),
    });
    if (!data) {
      delete input.dataset.busy;
      err.textContent = $("#status").textContent;
      return false;
    }
    // this input is replaced by the re-render below; replacing a focused input fires its
    // change event, which must find the value saved and the input still busy, or it would
    // send the same value again with the old version (a false 409 "not saved")
    input.dataset.saved = input.value;
    const id = input.id;
    apply(data);
    say(`saved ${input.dataset.field}`);
    const again = document.getElementById(id);
    if (again) again.parentElement.classList.add("saved");
    return true;
  }

  async function onFieldKey(ev) {
    const input = ev.target;
    if (ev.key === "Escape") {
      input.value = input.dataset.saved;
      input.blur();
      $("#text").focus();
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      const id = input.id;
      const ok = await saveField(input);
      if (!ok) return;
      const now = document.getElementById(id);
      const inputs = Array.from(now.closest(".record").querySelectorAll("input"));
      const next = inputs[inputs.indexOf(now) + 1];
      if (next) next.focus(); else now.focus();
    }
  }

  function editNorm() {
    const cur = current();
    if (!cur || cur.kind !== "entity") return;
    const e = entityById(cur.id);
    const box = $("#entity-editor");
    const input = $("#norm-input");
    box.hidden = false;
    input.value = e.norm;
    input.focus();
    input.onkeydown = async (ev) => {
      if (ev.key === "Escape") {
        box.hidden = true;
        $("#text").focus();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        const data = await post(api(`/entity/${encodeURIComponent(e.id)}`), { action: "norm", norm: input.value, version: e.version });
        if (apply(data)) {
          box.hidden = true;
          say(`norm of ${e.text}: ${input.value}`);
          $("#text").focus();
        }
      }
    };
  }

  async function undo() {
    const data = await post(api("/undo"), {});
    if (apply(data)) say(`undone: ${data.undone.action} on ${data.undone.target}`);
  }

  function gotoDoc(step) {
    const i = docList.findIndex((d) => d.doc_id === docId);
    const next = docList[i + step];
    if (next) window.location.href = `/doc/${encodeURIComponent(next.doc_id)}`;
  }

  function move(step) {
    if (!items.length) return;
    focus = Math.max(0, Math.min(items.length - 1, focus + step));
    markFocus();
    scrollToFocus();
  }

  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (!view) return;
    const key = ev.key;
    const span = selectionOffsets();
    const cur = current();
    let label = DIGIT[key] || (span ? LETTER[key] : undefined);
    if (label) {
      ev.preventDefault();
      if (span) labelSelection(label, span);
      else if (cur && cur.kind === "entity") entityAction("relabel", { label });
      return;
    }
    const handlers = {
      j: () => move(1),
      k: () => move(-1),
      a: () => (cur && cur.kind === "record" ? recordAction("accept") : entityAction("accept")),
      r: () => (cur && cur.kind === "record" ? recordAction("reject") : entityAction("reject")),
      u: () => undo(),
      n: () => editNorm(),
      e: () => {
        if (cur && cur.kind === "record") {
          const first = document.querySelector(`.record[data-id="${CSS.escape(cur.id)}"] input`);
          if (first) first.focus();
        }
      },
      "[": () => gotoDoc(-1),
      "]": () => gotoDoc(1),
    };
    if (handlers[key]) {
      ev.preventDefault();
      handlers[key]();
    }
  });

  // ------------------------------------------------------------------ export
  // The links download what `extractor review export` writes; the status line says what the
  // gold check thinks of it, as the command prints it.
  for (const [id, only] of [["#export", false], ["#export-confirmed", true]]) {
    const a = $(id);
    if (!a) continue;
    a.addEventListener("click", async () => {
      try {
        const c = await getJSON(`/api/export/check${only ? "?confirmed_only=1" : ""}`);
        const head = `exported ${c.documents} document(s), ${c.entities} entities, ${c.records} records`;
        if (c.problems.length) say(`${head}; not yet gold (${c.problems.length}): ${c.problems.slice(0, 3).join(" · ")}`, "error");
        else say(`${head}; valid gold`);
      } catch (err) {
        say(`export check failed: ${err.message}`, "error");
      }
    });
  }

  // ------------------------------------------------------------------ start
  showCurator();
  if (docId) {
    $("#text").addEventListener("click", (ev) => {
      const m = ev.target.closest("mark[data-id]");
      if (m && window.getSelection().isCollapsed) setFocus("entity", m.dataset.id);
    });
    Promise.all([getJSON("/api/vocab"), getJSON("/api/docs"), load()])
      .then(([v, d]) => {
        vocab = v;
        docList = d.documents;
        renderVocab();
        document.body.classList.add("ready");
      })
      .catch((err) => say(`could not load: ${err.message}`, "error"));
  } else {
    document.body.classList.add("ready");
  }
})();
