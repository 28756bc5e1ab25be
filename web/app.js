// The dyad dashboard: a hash-routed page over /api/v1. Every view keeps its
// filters in the URL (#/pair?a=CHN&b=RUS&by=month), so a view can be shared.
// Highlights use the API's UTF-16 spans (span16), which index JS strings.
"use strict";

const ROOTS = {
  "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
  "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
  "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
  "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
  "19": "fight", "20": "use unconventional mass violence",
};
const QUAD_NAMES = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

const $view = () => document.getElementById("view");

async function api(path) {
  const r = await fetch("/api/v1/" + path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ message: `HTTP ${r.status}` }));
  if (!r.ok) throw new Error(body.message || `HTTP ${r.status}`);
  return body;
}

function route() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, q] = h.split("?");
  return { path, params: new URLSearchParams(q || "") };
}

function go(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) q.set(k, v);
  const s = q.toString();
  location.hash = "#" + path + (s ? "?" + s : "");
}

function docLink(doc, extra) {
  const q = new URLSearchParams({ id: doc, ...(extra || {}) });
  return "#/doc?" + q.toString();
}

function fail(e) {
  $view().innerHTML = `<div class="err" data-test="error">${esc(e.message || e)}</div>`;
}

function actorText(a) {
  if (!a) return "—";
  return a.code || "—";
}

function dirLabel(ev) {
  return `${esc(actorText(ev.source))} → ${esc(actorText(ev.target))}`;
}

function statusBadge(s) {
  return `<span class="badge st-${esc(s)}">${esc(s)}</span>`;
}

function pager(total, limit, offset, onGo) {
  const el = document.createElement("div");
  el.className = "pager";
  const last = Math.min(total, offset + limit);
  el.innerHTML = `<span class="muted">${total ? offset + 1 : 0}–${last} of ${total}</span>`;
  if (offset > 0) {
    const b = document.createElement("button");
    b.className = "ghost"; b.textContent = "‹ Previous";
    b.onclick = () => onGo(Math.max(0, offset - limit));
    el.appendChild(b);
  }
  if (last < total) {
    const b = document.createElement("button");
    b.className = "ghost"; b.textContent = "Next ›";
    b.onclick = () => onGo(offset + limit);
    el.appendChild(b);
  }
  return el;
}

// ---------- overview ----------

async function viewOverview() {
  const [sum, pairs] = await Promise.all([api("summary?limit=12"), api("pairs?limit=12")]);
  const card = (label, v) => `<div class="card"><b>${esc(v == null ? "—" : Number(v).toLocaleString())}</b><span class="muted">${label}</span></div>`;
  $view().innerHTML = `
    <h1>Overview</h1>
    <div class="cards" data-test="summary">
      ${card("documents", sum.documents)}${card("sentences", sum.sentences)}${card("events", sum.events)}
      ${card("claims", sum.claims)}${card("commitments", sum.commitments)}
      <div class="card"><b style="font-size:15px">${esc(sum.first_date || "—")} … ${esc(sum.last_date || "—")}</b><span class="muted">document dates</span></div>
    </div>
    <div class="grid2">
      <div><h2>Most active pairs</h2><div class="panel"><table>
        <tr><th>Source → target</th><th class="num">Events</th><th class="num">Mean Goldstein</th></tr>
        ${pairs.pairs.map((p) => `<tr class="click" data-a="${esc(p.source)}" data-b="${esc(p.target)}"><td>${esc(p.source)} → ${esc(p.target)}</td><td class="num">${p.n}</td><td class="num">${p.goldstein_mean.toFixed(2)}</td></tr>`).join("") || `<tr><td colspan="3" class="muted">No events with a country on both sides yet.</td></tr>`}
      </table></div></div>
      <div><h2>Latest events</h2><div class="panel"><table>
        <tr><th>Date</th><th>Who → whom</th><th>Event</th></tr>
        ${sum.latest_events.map((e) => `<tr class="click" data-doc="${esc(e.doc)}" data-id="${e.id}"><td>${esc(e.date)}</td><td>${dirLabel(e)}</td><td><span class="q${e.quad_class}">${esc(e.cameo)}</span> ${esc(ROOTS[e.root] || "")}</td></tr>`).join("")}
      </table></div></div>
    </div>`;
  $view().querySelectorAll("tr[data-a]").forEach((tr) => (tr.onclick = () => go("/pair", { a: tr.dataset.a, b: tr.dataset.b })));
  $view().querySelectorAll("tr[data-doc]").forEach((tr) => (tr.onclick = () => (location.hash = docLink(tr.dataset.doc, { rec: "event:" + tr.dataset.id }))));
}

// ---------- pair ----------

async function viewPair(p) {
  const a = (p.get("a") || "CHN").toUpperCase(), b = (p.get("b") || "RUS").toUpperCase();
  const by = p.get("by") || "month", from = p.get("from") || "", to = p.get("to") || "";
  const offset = +(p.get("offset") || 0), limit = 25;
  const range = (from ? "&from=" + encodeURIComponent(from) : "") + (to ? "&to=" + encodeURIComponent(to) : "");
  const dy = encodeURIComponent(a + "," + b);
  const [series, events, claims, commits, actors] = await Promise.all([
    api(`dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&by=${by}${range}`),
    api(`events?dyad=${dy}&limit=${limit}&offset=${offset}${range}`),
    api(`claims?dyad=${dy}&limit=50`),
    api(`commitments?dyad=${dy}&limit=50`),
    api("pairs?limit=300"),
  ]);
  const known = [...new Set(actors.pairs.flatMap((x) => [x.source, x.target]))];
  const opts = known.map((x) => `<option value="${esc(x)}">`).join("");
  // A long series (events citing history far back) is shown from its last
  // 48 periods unless a range is asked for; the rest is one click away.
  let rows = series.rows, hidden = 0;
  const WINDOW = 48;
  if (!from && !to && p.get("all") !== "1" && rows.length > WINDOW) {
    hidden = rows.slice(0, rows.length - WINDOW).reduce((s, r) => s + r.dirs[0].n + r.dirs[1].n, 0);
    rows = rows.slice(rows.length - WINDOW);
  }
  const tot = [0, 1].map((d) => rows.reduce((s, r) => s + r.dirs[d].n, 0));
  $view().innerHTML = `
    <h1>${esc(a)} – ${esc(b)}</h1>
    <form class="bar" id="pairform">
      <label>Actor A<input class="code" name="a" value="${esc(a)}" list="countries" required></label>
      <label>Actor B<input class="code" name="b" value="${esc(b)}" list="countries" required></label>
      <label>By<select name="by">${["month", "quarter", "year"].map((x) => `<option ${x === by ? "selected" : ""}>${x}</option>`).join("")}</select></label>
      <label>From<input name="from" value="${esc(from)}" placeholder="YYYY[-MM]" size="9"></label>
      <label>To<input name="to" value="${esc(to)}" placeholder="YYYY[-MM]" size="9"></label>
      <button type="submit">Show</button>
      <button type="button" class="ghost" id="swap">Swap</button>
      <datalist id="countries">${opts}</datalist>
    </form>
    <div class="panel chart">
      <div class="muted">${tot[0]} events ${esc(a)} → ${esc(b)}, ${tot[1]} events ${esc(b)} → ${esc(a)} in ${rows.length} ${esc(by)}s${rows.length ? ` (${esc(rows[0].period)} … ${esc(rows[rows.length - 1].period)})` : ""}${series.year_only && by !== "year" ? `; ${series.year_only} dated only to a year are left out` : ""}${hidden ? `; ${hidden} earlier events from ${esc(series.rows[0].period)} on are not drawn (<a href="#/pair?${new URLSearchParams({ a, b, by, all: "1" }).toString()}" id="showall">show all</a>)` : ""}. Counted: asserted, reported, future and intent.</div>
      ${quadLegend()}
      ${rows.length ? pairChart(rows) : `<p class="muted" data-test="no-series">No dated events between ${esc(a)} and ${esc(b)}.</p>`}
    </div>
    <h2>Events <span class="muted">(${events.total})</span></h2>
    <div class="panel"><table data-test="pair-events">
      <tr><th>Date</th><th>Who → whom</th><th>Event</th><th class="num hide-s">Goldstein</th><th>Sentence</th></tr>
      ${events.items.map((e) => `<tr class="click" data-doc="${esc(e.doc)}" data-id="${e.id}">
        <td>${esc(e.date || "")}</td><td>${dirLabel(e)}</td>
        <td><span class="q${e.quad_class}" title="${esc(QUAD_NAMES[e.quad_class] || "")}">${esc(e.cameo)}</span> ${esc(ROOTS[e.root] || "")}<div class="muted">${esc(e.modality)}</div></td>
        <td class="num hide-s">${e.goldstein}</td><td>${sentenceWithTrigger(e)}</td></tr>`).join("")}
    </table><div id="evpager"></div></div>
    <div class="grid2">
      <div><h2>Claims <span class="muted">(${claims.total})</span></h2><div class="panel">${claimList(claims.items)}</div></div>
      <div><h2>Commitments <span class="muted">(${commits.total})</span></h2><div class="panel">${commitList(commits.items)}</div></div>
    </div>`;
  const f = document.getElementById("pairform");
  f.onsubmit = (e) => {
    e.preventDefault();
    const d = new FormData(f);
    go("/pair", { a: d.get("a").toUpperCase(), b: d.get("b").toUpperCase(), by: d.get("by"), from: d.get("from"), to: d.get("to") });
  };
  document.getElementById("swap").onclick = () => go("/pair", { a: b, b: a, by, from, to });
  document.getElementById("evpager").appendChild(pager(events.total, limit, offset, (o) => go("/pair", { a, b, by, from, to, offset: o })));
  $view().querySelectorAll("tr[data-doc]").forEach((tr) => (tr.onclick = () => (location.hash = docLink(tr.dataset.doc, { rec: "event:" + tr.dataset.id }))));
  $view().querySelectorAll("tr[data-href]").forEach((tr) => (tr.onclick = () => (location.hash = tr.dataset.href)));
}

function sentenceWithTrigger(e) {
  // the trigger inside the sentence, by byte spans relative to the sentence
  const t = e.text || "";
  if (!e.trigger || !e.span) return esc(t);
  const enc = new TextEncoder(), dec = new TextDecoder();
  const bytes = enc.encode(t);
  const s = e.trigger.span[0] - e.span[0], x = e.trigger.span[1] - e.span[0];
  if (s < 0 || x > bytes.length || s > x) return esc(t);
  return esc(dec.decode(bytes.slice(0, s))) + "<b>" + esc(dec.decode(bytes.slice(s, x))) + "</b>" + esc(dec.decode(bytes.slice(x)));
}

function claimList(items) {
  if (!items.length) return `<p class="muted">None.</p>`;
  return `<table>${items.map((c) => `<tr class="click" data-href="${esc(docLink(c.doc, { rec: "claim:" + c.id }))}">
    <td><b>${esc(c.figure ? c.figure.text : c.value)}</b> <span class="muted">${esc(c.quantity || "")}${c.period ? ", " + esc(typeof c.period === "string" ? c.period : JSON.stringify(c.period)) : ""}</span>
    <div>${(c.checks || []).map(checkHtml).join("") || `<span class="muted">no checks</span>`}</div></td></tr>`).join("")}</table>`;
}

// One consistency finding of a claim: its result, the check and the detail.
function checkHtml(k) {
  if (typeof k === "string") return `<div class="muted">${esc(k)}</div>`;
  const cls = k.result === "consistent" ? "st-kept" : k.result === "inconsistent" || k.result === "conflict" ? "st-broken" : "st-overdue";
  return `<div class="check"><span class="badge ${cls}">${esc(k.result || "?")}</span> <b>${esc(k.check || "")}</b> <span class="muted">${esc(k.detail || "")}${k.against ? " — against " + esc(k.against) : ""}</span></div>`;
}

function commitList(items) {
  if (!items.length) return `<p class="muted">None.</p>`;
  return `<table>${items.map((c) => `<tr class="click" data-href="${esc(docLink(c.doc, { rec: "commitment:" + c.id }))}">
    <td>${statusBadge(c.status)}</td><td>${esc(actorsOf(c.actor))}: ${esc(c.action && c.action.text ? c.action.text : c.action)}<div class="muted">made ${esc(c.made || "")}${c.due ? ", due " + esc(c.due) : ""}</div></td></tr>`).join("")}</table>`;
}

function actorsOf(a) {
  if (Array.isArray(a)) return [...new Set(a.map((x) => x.code || x))].join(", ");
  if (a && a.code) return a.code;
  return a || "";
}

// ---------- actors ----------

async function viewActors(p) {
  const countries = p.get("countries") !== "0";
  const [acts, pairs] = await Promise.all([api(`actors?limit=25&countries=${countries}`), api("pairs?limit=40")]);
  const max = Math.max(1, ...acts.actors.map((x) => x.total));
  $view().innerHTML = `
    <h1>Actors</h1>
    <form class="bar"><label>Group<select id="grp"><option value="1" ${countries ? "selected" : ""}>by country</option><option value="0" ${countries ? "" : "selected"}>by actor code</option></select></label></form>
    <div class="grid2">
      <div><h2>Most active</h2><div class="panel"><table data-test="actors">
        <tr><th>Actor</th><th class="num">As source</th><th class="num">As target</th><th></th></tr>
        ${acts.actors.map((x) => `<tr><td><b>${esc(x.actor)}</b></td><td class="num">${x.as_source}</td><td class="num">${x.as_target}</td><td style="width:40%"><span class="hbar" style="width:${(100 * x.total / max).toFixed(1)}%"></span></td></tr>`).join("")}
      </table></div></div>
      <div><h2>Network <span class="muted">(country pairs; width: events, colour: mean Goldstein)</span></h2>
        <div class="panel net">${pairs.pairs.length ? networkChart(pairs.pairs) : `<p class="muted">No pairs yet.</p>`}
        <div class="legend"><span><i style="background:${balanceColor(-6)}"></i>conflict</span><span><i style="background:${balanceColor(0)}"></i>neutral</span><span><i style="background:${balanceColor(6)}"></i>cooperation</span></div></div>
      </div>
    </div>
    <h2>Pairs</h2>
    <div class="panel"><table>
      <tr><th>Source → target</th><th class="num">Events</th><th class="num">Mean Goldstein</th></tr>
      ${pairs.pairs.map((x) => `<tr class="click" data-a="${esc(x.source)}" data-b="${esc(x.target)}"><td>${esc(x.source)} → ${esc(x.target)}</td><td class="num">${x.n}</td><td class="num" style="color:${balanceColor(x.goldstein_mean)}">${x.goldstein_mean.toFixed(2)}</td></tr>`).join("")}
    </table></div>`;
  document.getElementById("grp").onchange = (e) => go("/actors", { countries: e.target.value });
  $view().querySelectorAll("tr[data-a]").forEach((tr) => (tr.onclick = () => go("/pair", { a: tr.dataset.a, b: tr.dataset.b })));
}

// ---------- commitments ----------

async function viewCommitments(p) {
  const status = p.get("status") || "", actor = p.get("actor") || "";
  const all = await api(`commitments?limit=1000${actor ? "&actor=" + encodeURIComponent(actor) : ""}`);
  const counts = {};
  all.items.forEach((c) => (counts[c.status] = (counts[c.status] || 0) + 1));
  const shown = all.items.filter((c) => !status || c.status === status);
  const tab = (s, label) => `<a href="#/commitments?${new URLSearchParams({ status: s, actor }).toString()}" class="badge ${s ? "st-" + s : ""}" style="${status === s ? "outline:2px solid #1d2430" : ""}">${label} ${s ? counts[s] || 0 : all.items.length}</a>`;
  $view().innerHTML = `
    <h1>Commitments</h1>
    <form class="bar" id="cf"><label>Actor<input class="code" name="actor" value="${esc(actor)}" placeholder="any"></label><button>Filter</button></form>
    <div class="legend" data-test="status-tabs">${tab("", "all")}${tab("open", "open")}${tab("kept", "kept")}${tab("overdue", "overdue")}${tab("broken", "broken")}${tab("unknown", "unknown")}</div>
    <div class="panel"><table data-test="commitments">
      <tr><th>Status</th><th>Made</th><th>Who</th><th>Promise</th><th class="hide-s">Due</th><th>Evidence</th></tr>
      ${shown.map((c) => `<tr>
        <td>${statusBadge(c.status)}</td><td>${esc(c.made || "")}</td><td>${esc(actorsOf(c.actor))}</td>
        <td><a href="${docLink(c.doc, { rec: "commitment:" + c.id })}">${esc(c.action && c.action.text ? c.action.text : c.action)}</a><div class="muted">${esc(c.status_rule || "")}</div></td>
        <td class="hide-s">${esc(c.due || "—")}</td>
        <td>${(c.evidence || []).map((e) => `<div><a href="${docLink(e.doc, { s: e.sentence })}">${esc(e.date || e.doc)}</a> <span class="muted">${esc(e.detail || e.kind || "")}</span></div>`).join("") || `<span class="muted">—</span>`}</td></tr>`).join("") || `<tr><td colspan="6" class="muted">No commitments${status ? " with status " + esc(status) : ""}.</td></tr>`}
    </table></div>`;
  const f = document.getElementById("cf");
  f.onsubmit = (e) => { e.preventDefault(); go("/commitments", { status, actor: new FormData(f).get("actor").toUpperCase() }); };
}

// ---------- documents and search ----------

async function viewDocs(p) {
  const q = p.get("q") || "", offset = +(p.get("offset") || 0), limit = 50;
  const r = await api(`documents?limit=${limit}&offset=${offset}${q ? "&q=" + encodeURIComponent(q) : ""}`);
  $view().innerHTML = `
    <h1>Documents</h1>
    <form class="bar" id="df"><label>Id or title<input name="q" value="${esc(q)}"></label><button>Find</button></form>
    <div class="panel"><table data-test="documents">
      <tr><th>Date</th><th>Document</th><th class="num">Events</th><th class="num hide-s">Claims</th><th class="num hide-s">Commitments</th></tr>
      ${r.items.map((d) => `<tr><td>${esc(d.date || "—")}</td><td><a href="${docLink(d.doc)}">${esc(d.title || d.doc)}</a><div class="muted">${esc(d.doc)}</div></td><td class="num">${d.events}</td><td class="num hide-s">${d.claims}</td><td class="num hide-s">${d.commitments}</td></tr>`).join("")}
    </table><div id="dpager"></div></div>`;
  const f = document.getElementById("df");
  f.onsubmit = (e) => { e.preventDefault(); go("/docs", { q: new FormData(f).get("q") }); };
  document.getElementById("dpager").appendChild(pager(r.total, limit, offset, (o) => go("/docs", { q, offset: o })));
}

async function viewSearch(p) {
  const q = p.get("q") || "", offset = +(p.get("offset") || 0), limit = 50;
  const r = q ? await api(`search?q=${encodeURIComponent(q)}&limit=${limit}&offset=${offset}`) : null;
  $view().innerHTML = `
    <h1>Search sentences</h1>
    <form class="bar" id="sf"><label>Words (all must occur)<input name="q" value="${esc(q)}" size="40" autofocus></label><button>Search</button></form>
    ${r ? `<div class="panel"><table data-test="search">
      <tr><th>Date</th><th>Sentence</th><th class="num">Events</th></tr>
      ${r.items.map((x) => `<tr><td>${esc(x.date || "—")}</td><td><a href="${docLink(x.doc, { s: x.sentence })}">${esc(x.text)}</a><div class="muted">${esc(x.title || x.doc)}</div></td><td class="num">${x.events}</td></tr>`).join("") || `<tr><td colspan="3" class="muted">No sentence contains every word.</td></tr>`}
    </table><div id="spager"></div></div>` : ""}`;
  const f = document.getElementById("sf");
  f.onsubmit = (e) => { e.preventDefault(); go("/search", { q: new FormData(f).get("q") }); };
  if (r) document.getElementById("spager").appendChild(pager(r.total, limit, offset, (o) => go("/search", { q, offset: o })));
}

// ---------- one document ----------

// Marks of one record: [start16, end16, class] over the document text.
function recMarks(kind, r) {
  const m = [];
  const add = (o, cls) => { if (o && o.span16) m.push([o.span16[0], o.span16[1], cls]); };
  if (kind === "event") { add(r.source, "ev"); add(r.target, "ev"); add(r.trigger, "ev trig"); }
  else if (kind === "claim") { add(r.figure, "cl trig"); }
  else { add(r.cue, "cm trig"); add(r.action, "cm"); }
  if (!m.length && r.span16) m.push([r.span16[0], r.span16[1], kind === "claim" ? "cl" : kind === "event" ? "ev" : "cm"]);
  return m;
}

function renderText(text, marks, sentences) {
  // marks: [start, end, cls, key]; split the text at every mark and
  // sentence boundary, so a sentence is a run of whole segments
  const cuts = new Set([0, text.length]);
  (sentences || []).forEach((x) => { cuts.add(Math.min(x.span16[0], text.length)); cuts.add(Math.min(x.span16[1], text.length)); });
  marks.forEach(([s, e]) => { cuts.add(Math.max(0, Math.min(s, text.length))); cuts.add(Math.max(0, Math.min(e, text.length))); });
  const pts = [...cuts].sort((x, y) => x - y);
  let html = "";
  for (let i = 0; i + 1 < pts.length; i++) {
    const s = pts[i], e = pts[i + 1];
    const seg = esc(text.slice(s, e));
    const on = marks.filter((m) => m[0] <= s && m[1] >= e && m[0] < m[1]);
    if (!on.length) { html += `<span data-at="${s}">${seg}</span>`; continue; }
    const cls = [...new Set(on.flatMap((m) => m[2].split(" ")))].join(" ");
    const keys = [...new Set(on.map((m) => m[3]))].join(" ");
    html += `<mark class="${cls}" data-at="${s}" data-keys="${esc(keys)}">${seg}</mark>`;
  }
  return html;
}

function explainHtml(kind, r, doc) {
  const row = (k, v) => (v == null || v === "" ? "" : `<dt>${k}</dt><dd>${v}</dd>`);
  const sent = doc.sentences[r.sentence];
  let body = row("sentence", `#${r.sentence}${sent ? ` <span class="muted">bytes ${sent.span[0]}–${sent.span[1]}</span>` : ""}`);
  if (kind === "event") {
    body += row("who → whom", `${esc(actorText(r.source))} <span class="muted">“${esc(r.source && r.source.text)}”</span> → ${esc(actorText(r.target))} <span class="muted">${r.target ? "“" + esc(r.target.text) + "”" : ""}</span>`)
      + row("event", `<b class="q${r.quad_class}">${esc(r.cameo)}</b> ${esc(ROOTS[r.root] || "")} <span class="muted">(${esc(QUAD_NAMES[r.quad_class] || "")}, Goldstein ${r.goldstein})</span>`)
      + row("PLOVER", esc(r.plover && r.plover.event))
      + row("trigger", `“${esc(r.trigger && r.trigger.text)}”`)
      + row("rule", `<code data-test="rule">${esc(r.rule)}</code>`)
      + row("pattern", r.pattern ? `<code>${esc(r.pattern)}</code>` : "")
      + row("modality", esc(r.modality))
      + row("date", `${esc(r.date || "—")} <span class="muted">(${esc(r.date_basis || "")})</span>`);
  } else if (kind === "claim") {
    body += row("figure", `“${esc(r.figure && r.figure.text)}”`)
      + row("measures", esc(r.quantity))
      + row("value", `${esc(r.value)} ${esc(r.unit || "")} ${r.qualifier ? `<span class="muted">(${esc(r.qualifier)})</span>` : ""}`)
      + row("period", esc(typeof r.period === "object" && r.period ? JSON.stringify(r.period) : r.period))
      + row("actors", esc(actorsOf(r.actors)))
      + row("rule", `<code data-test="rule">${esc(r.rule)}</code>`)
      + row("checks", (r.checks || []).map(checkHtml).join("") || `<span class="muted">none</span>`);
  } else {
    body += row("status", `${statusBadge(r.status)} <span class="muted">${esc(r.status_rule || "")}</span>`)
      + row("who", esc(actorsOf(r.actor)))
      + row("promise", `“${esc(r.action && r.action.text ? r.action.text : r.action)}”`)
      + row("cue", r.cue ? `“${esc(r.cue.text)}” <span class="muted">${esc(r.cue.kind || "")}</span>` : "")
      + row("made / due", `${esc(r.made || "—")} / ${esc(r.due || "—")}`)
      + row("rule", `<code data-test="rule">${esc(r.rule)}</code>`)
      + row("why", (r.why || []).map((w) => `<div>${esc(w)}</div>`).join(""))
      + row("evidence", (r.evidence || []).map((e) => `<div><a href="${docLink(e.doc, { s: e.sentence })}">${esc(e.doc)} #${e.sentence}</a> <span class="muted">${esc(e.detail || "")}</span></div>`).join("") || `<span class="muted">none</span>`);
  }
  return `<div id="explain" data-test="explain" data-key="${kind}:${r.id}"><b>${kind}</b> <span class="muted">“${esc(r.text)}”</span><dl>${body}</dl></div>`;
}

async function viewDoc(p) {
  const id = p.get("id");
  if (!id) return go("/docs");
  const doc = await api("documents/" + encodeURIComponent(id));
  const recs = [];
  for (const [kind, list] of [["event", doc.events], ["claim", doc.claims], ["commitment", doc.commitments]])
    list.forEach((r) => recs.push({ kind, key: kind + ":" + r.id, r }));
  const marks = [];
  recs.forEach((x) => recMarks(x.kind, x.r).forEach((m) => marks.push([...m, x.key])));
  const label = (x) => {
    const r = x.r;
    if (x.kind === "event") return `${dirLabel(r)} <b class="q${r.quad_class}">${esc(r.cameo)}</b> ${esc(ROOTS[r.root] || "")}`;
    if (x.kind === "claim") return `<b>${esc(r.figure ? r.figure.text : r.value)}</b> ${esc(r.quantity || "")}`;
    return `${statusBadge(r.status)} ${esc(actorsOf(r.actor))}: ${esc(r.action && r.action.text ? r.action.text : "")}`;
  };
  $view().innerHTML = `
    <h1>${esc(doc.title || doc.doc)}</h1>
    <p class="muted">${esc(doc.doc)} · ${esc(doc.date || "no date")}${doc.source ? " · " + esc(doc.source) : ""}${doc.url ? ` · <a href="${esc(doc.url)}" rel="noopener">source</a>` : ""} · ${doc.sentences.length} sentences · ${doc.events.length} events, ${doc.claims.length} claims, ${doc.commitments.length} commitments</p>
    <div class="legend"><span><i style="background:var(--ev)"></i>event (trigger underlined)</span><span><i style="background:var(--cl)"></i>claim</span><span><i style="background:var(--cm)"></i>commitment</span></div>
    <div class="doc-layout">
      <div class="doctext" id="doctext" data-test="doctext">${renderText(doc.text, marks, doc.sentences)}</div>
      <div class="side"><div id="explainbox"><p class="muted">Click a highlight or a record to see where it came from.</p></div>
        <div data-test="records">${recs.map((x) => `<div class="rec" data-key="${x.key}" data-kind="${x.kind}"><span class="k">${x.kind}</span>${label(x)}<div class="muted">#${x.r.sentence}</div></div>`).join("") || `<p class="muted">No records in this document.</p>`}</div>
      </div>
    </div>`;
  const byKey = new Map(recs.map((x) => [x.key, x]));
  const textEl = document.getElementById("doctext");
  function markSentence(idx) {
    textEl.querySelectorAll(".sent-sel").forEach((el) => el.classList.remove("sent-sel"));
    const s = doc.sentences[idx];
    if (!s) return null;
    let first = null;
    textEl.querySelectorAll("[data-at]").forEach((el) => {
      const at = +el.dataset.at;
      if (at >= s.span16[0] && at < s.span16[1]) { el.classList.add("sent-sel"); first = first || el; }
    });
    return first;
  }
  function select(key, scroll) {
    const x = byKey.get(key);
    if (!x) return;
    document.querySelectorAll(".rec.sel, mark.sel").forEach((el) => el.classList.remove("sel"));
    const item = document.querySelector(`.rec[data-key="${key}"]`);
    if (item) item.classList.add("sel");
    textEl.querySelectorAll("mark[data-keys]").forEach((el) => { if (el.dataset.keys.split(" ").includes(key)) el.classList.add("sel"); });
    const first = markSentence(x.r.sentence);
    document.getElementById("explainbox").innerHTML = explainHtml(x.kind, x.r, doc);
    if (scroll && first) first.scrollIntoView({ block: "center" });
    if (scroll && item) item.scrollIntoView({ block: "nearest" });
    history.replaceState(null, "", docLink(doc.doc, { rec: key }));
  }
  document.querySelectorAll(".rec[data-key]").forEach((el) => (el.onclick = () => select(el.dataset.key, true)));
  textEl.querySelectorAll("mark[data-keys]").forEach((el) => (el.onclick = () => select(el.dataset.keys.split(" ")[0], false)));
  const want = p.get("rec");
  if (want) select(want, true);
  else if (p.get("s") != null) { const f = markSentence(+p.get("s")); if (f) f.scrollIntoView({ block: "center" }); }
}

// ---------- router ----------

const VIEWS = { "/": viewOverview, "/pair": viewPair, "/actors": viewActors, "/commitments": viewCommitments, "/docs": viewDocs, "/search": viewSearch, "/doc": viewDoc };
const NAV = { "/": "overview", "/pair": "pair", "/actors": "actors", "/commitments": "commitments", "/docs": "docs", "/doc": "docs", "/search": "search" };

let rendering = 0;
async function render() {
  const { path, params } = route();
  const v = VIEWS[path];
  document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("on", a.dataset.view === NAV[path]));
  if (!v) return fail(new Error(`no view ${path}`));
  const mine = ++rendering;
  document.body.dataset.ready = "0";
  try { await v(params); } catch (e) { if (mine === rendering) fail(e); }
  if (mine === rendering) { document.body.dataset.ready = "1"; document.title = "dyad · " + (NAV[path] || ""); }
}

window.addEventListener("hashchange", render);
render();
