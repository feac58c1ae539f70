// The study table: sort, filter, page, and show each value's evidence sentences.
// Paper text only ever reaches the page through textContent: never innerHTML.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("data").textContent);
  const COLS = DATA.columns.map((c) => c[0]);
  const PAGE = 50;
  const tbody = document.querySelector("#studies tbody");
  const state = { sort: -1, dir: 1, page: 0, q: "", sel: {}, flagged: false, ids: null, open: {} };
  let shown = [];

  const col = (key) => COLS.indexOf(key);
  const cell = (row, i) => row.c[i];
  const text = (row, i) => cell(row, i)[0];
  const lower = DATA.rows.map((r) => r.c.map((c) => c[0]).join("\u0001").toLowerCase());

  function el(tag, cls, txt) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt !== undefined) e.textContent = txt;
    return e;
  }

  function compare(a, b) {
    const x = cell(DATA.rows[a], state.sort)[1], y = cell(DATA.rows[b], state.sort)[1];
    if (x === null || x === undefined || x === "") return (y === null || y === undefined || y === "") ? a - b : 1;
    if (y === null || y === undefined || y === "") return -1;
    const d = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
    return d ? d * state.dir : a - b;
  }

  function keep(i) {
    const r = DATA.rows[i];
    if (state.ids && !state.ids.has(i)) return false;
    if (state.q && !lower[i].includes(state.q)) return false;
    for (const [k, v] of Object.entries(state.sel)) if (v && text(r, col(k)) !== v) return false;
    if (state.flagged && !r.c.some((c) => c[3])) return false;
    return true;
  }

  function update() {
    shown = DATA.rows.map((_, i) => i).filter(keep);
    if (state.sort >= 0) shown.sort(compare);
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    draw();
  }

  // A sentence with the [start, end) ranges in `spans` wrapped in <mark>.
  function sentence(txt, spans) {
    const p = el("p", "sentence");
    let at = 0;
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    for (const [s, e] of spans) {
      if (s < at) continue;
      p.appendChild(document.createTextNode(txt.slice(at, s)));
      p.appendChild(el("mark", "", txt.slice(s, e)));
      at = e;
    }
    p.appendChild(document.createTextNode(txt.slice(at)));
    return p;
  }

  function evidenceRow(row, which) {
    const tr = el("tr", "evidence");
    const td = el("td");
    td.colSpan = COLS.length + 1;
    const c = which >= 0 ? cell(row, which) : null;
    const marks = c && c[2] ? c[2] : [];
    const by = new Map();
    for (const [i, s, e] of marks) { if (!by.has(i)) by.set(i, []); by.get(i).push([s, e]); }
    const head = which >= 0
      ? DATA.columns[which][1] + ": " + (c[0] || "(none)") + (by.size ? "" : (row.s.length ? "  (value not found in the evidence; all sentences shown)" : ""))
      : "All evidence of " + row.k;
    td.appendChild(el("div", "evhead", head));
    if (c && c[4]) td.appendChild(el("div", "evnote", c[4]));
    const idx = by.size ? [...by.keys()].sort((a, b) => a - b) : row.s.map((_, i) => i);
    if (!row.s.length) td.appendChild(el("p", "sentence", "No evidence sentence recorded."));
    for (const i of idx) td.appendChild(sentence(row.s[i], by.get(i) || []));
    tr.appendChild(td);
    return tr;
  }

  function toggle(ri, which) {
    state.open[ri] = state.open[ri] === which ? undefined : which;
    draw();
  }

  function draw() {
    tbody.textContent = "";
    const start = state.page * PAGE;
    for (const ri of shown.slice(start, start + PAGE)) {
      const row = DATA.rows[ri];
      const tr = el("tr");
      tr.dataset.key = row.k;
      const t = el("td", "toggle");
      const b = el("button", "expand", state.open[ri] !== undefined ? "▾" : "▸");
      b.type = "button";
      b.title = "show all evidence sentences";
      b.addEventListener("click", () => toggle(ri, -1));
      t.appendChild(b);
      tr.appendChild(t);
      row.c.forEach((c, i) => {
        const td = el("td", "c-" + COLS[i]);
        if (c[0]) {
          const span = el("span", "val", c[0]);
          span.tabIndex = 0;
          span.addEventListener("click", () => toggle(ri, i));
          span.addEventListener("keydown", (e) => { if (e.key === "Enter") toggle(ri, i); });
          td.appendChild(span);
        }
        if (c[3]) {
          td.classList.add("flag-" + c[3]);
          td.title = c[4] || "";
          td.appendChild(el("span", "badge", c[3] === "conflict" ? " ⚠" : " ?"));
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
      if (state.open[ri] !== undefined) tbody.appendChild(evidenceRow(row, state.open[ri]));
    }
    const n = shown.length;
    document.getElementById("range").textContent = n
      ? `studies ${start + 1}–${Math.min(start + PAGE, n)} of ${n}` + (n < DATA.rows.length ? ` (filtered from ${DATA.rows.length})` : "")
      : "no study matches";
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = start + PAGE >= n;
    document.querySelectorAll("#studies th[data-i]").forEach((th) => {
      const i = Number(th.dataset.i);
      th.setAttribute("aria-sort", i === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  document.querySelectorAll("#studies th[data-i] button").forEach((b) => {
    b.addEventListener("click", () => {
      const i = Number(b.parentElement.dataset.i);
      state.dir = state.sort === i ? -state.dir : 1;
      state.sort = i;
      update();
    });
  });
  document.querySelectorAll(".controls select").forEach((s) => {
    const i = col(s.dataset.col);
    const values = [...new Set(DATA.rows.map((r) => text(r, i)).filter(Boolean))].sort();
    for (const v of values) s.appendChild(el("option", "", v)).value = v;
    s.addEventListener("change", () => { state.sel[s.dataset.col] = s.value; state.page = 0; update(); });
  });
  document.getElementById("q").addEventListener("input", (e) => {
    state.q = e.target.value.trim().toLowerCase(); state.page = 0; update();
  });
  document.getElementById("flagged").addEventListener("change", (e) => {
    state.flagged = e.target.checked; state.page = 0; update();
  });
  document.getElementById("prev").addEventListener("click", () => { state.page--; draw(); });
  document.getElementById("next").addEventListener("click", () => { state.page++; draw(); });

  const mapNote = document.getElementById("mapfilter");
  function mapFilter(cellIndex, label) {
    state.ids = cellIndex === null ? null : new Set(DATA.map[cellIndex]);
    state.page = 0;
    mapNote.hidden = state.ids === null;
    mapNote.textContent = "";
    if (state.ids) {
      mapNote.appendChild(document.createTextNode("evidence map: " + label + " "));
      const clear = el("button", "", "✕ show all");
      clear.type = "button";
      clear.addEventListener("click", () => mapFilter(null, ""));
      mapNote.appendChild(clear);
    }
    update();
  }
  document.querySelectorAll("button.mapcell").forEach((b) => {
    b.addEventListener("click", () => {
      mapFilter(Number(b.dataset.cell), b.dataset.label);
      document.getElementById("table").scrollIntoView();
    });
  });
  update();
  document.body.classList.add("ready");
})();
