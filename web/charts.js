// Small SVG charts of dyad's own: the pair series and the actor network.
// Each function returns SVG markup; values are escaped with esc().
"use strict";

function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const QUAD = [
  { n: 1, name: "Verbal cooperation", color: "#5b9bd5" },
  { n: 2, name: "Material cooperation", color: "#2e6e3e" },
  { n: 3, name: "Verbal conflict", color: "#f0a24a" },
  { n: 4, name: "Material conflict", color: "#c23b3b" },
];

function niceMax(v) {
  if (v <= 1) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// rows: [{period, dirs: [{source, target, n, quad[4], goldstein_mean}, ...]}]
// One panel per direction: stacked bars by quad class (left axis, events)
// and the mean Goldstein score as a line (right axis, -10..10).
function pairChart(rows) {
  const W = 1000, PH = 170, GAP = 46, L = 44, R = 40, T = 24;
  const H = T + 2 * PH + GAP + 28;
  const n = Math.max(rows.length, 1);
  const bw = (W - L - R) / n;
  const max = niceMax(Math.max(1, ...rows.flatMap((r) => r.dirs.map((d) => d.n))));
  let s = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="events per period by quad class, both directions" data-test="pair-chart">`;
  rows.length && [0, 1].forEach((di) => {
    const top = T + di * (PH + GAP);
    const d0 = rows[0].dirs[di];
    s += `<text x="${L}" y="${top - 8}" style="font-size:13px;font-weight:600;fill:#1d2430">${esc(d0.source)} → ${esc(d0.target)}</text>`;
    // grid and axes
    for (let k = 0; k <= 4; k++) {
      const y = top + PH - (PH * k) / 4;
      s += `<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#e3e7ee"/>`;
      s += `<text x="${L - 6}" y="${y + 4}" text-anchor="end">${+(max * k / 4).toFixed(1)}</text>`;
      const g = -10 + 5 * k;
      s += `<text x="${W - R + 6}" y="${y + 4}">${g > 0 ? "+" + g : g}</text>`;
    }
    const zero = top + PH / 2;
    s += `<line x1="${L}" x2="${W - R}" y1="${zero}" y2="${zero}" stroke="#98a2b3" stroke-dasharray="3 3"/>`;
    rows.forEach((r, i) => {
      const d = r.dirs[di];
      let y = top + PH;
      const x = L + i * bw + Math.max(0.5, bw * 0.12);
      const w = Math.max(1, bw * 0.76);
      QUAD.forEach((q, qi) => {
        const c = d.quad[qi];
        if (!c) return;
        const h = (PH * c) / max;
        y -= h;
        s += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${q.color}"><title>${esc(r.period)} ${esc(d.source)}→${esc(d.target)}: ${c} ${q.name.toLowerCase()}</title></rect>`;
      });
    });
    // Goldstein mean line, broken where a period has no events
    let path = "", pen = false;
    rows.forEach((r, i) => {
      const g = r.dirs[di].goldstein_mean;
      if (g == null) { pen = false; return; }
      const x = L + (i + 0.5) * bw, y = top + PH / 2 - (PH / 2) * (g / 10);
      path += `${pen ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)} `;
      pen = true;
      s += `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.6" fill="#1d2430"><title>${esc(r.period)}: mean Goldstein ${g}</title></circle>`;
    });
    if (path) s += `<path d="${path}" fill="none" stroke="#1d2430" stroke-width="1.6" data-test="goldstein-line"/>`;
  });
  // period labels, at most about 12
  const step = Math.max(1, Math.ceil(n / 12));
  rows.forEach((r, i) => {
    if (i % step) return;
    s += `<text x="${(L + (i + 0.5) * bw).toFixed(1)}" y="${H - 8}" text-anchor="middle">${esc(r.period)}</text>`;
  });
  s += `<text x="4" y="${T + PH / 2}" transform="rotate(-90 10 ${T + PH / 2})" text-anchor="middle">events</text>`;
  return s + "</svg>";
}

function quadLegend() {
  return `<div class="legend">${QUAD.map((q) => `<span><i style="background:${q.color}"></i>${q.name}</span>`).join("")}<span><i style="background:#1d2430;height:2px;vertical-align:3px"></i>Goldstein mean (right axis, −10…+10)</span></div>`;
}

function balanceColor(g) {
  // red (conflict) through grey to green (cooperation)
  const t = Math.max(-1, Math.min(1, g / 6));
  if (t >= 0) return `rgb(${Math.round(150 - 110 * t)},${Math.round(150 + 10 * t)},${Math.round(150 - 90 * t)})`;
  return `rgb(${Math.round(150 - 60 * t)},${Math.round(150 + 100 * t)},${Math.round(150 + 90 * t)})`;
}

// pairs: [{source, target, n, goldstein_mean}] directed; drawn undirected,
// nodes on a circle, edge width by events, colour by mean Goldstein.
function networkChart(pairs) {
  const W = 720, H = 520, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 60;
  const und = new Map();
  for (const p of pairs) {
    const [a, b] = [p.source, p.target].sort();
    const k = a + "|" + b;
    const e = und.get(k) || { a, b, n: 0, g: 0 };
    e.n += p.n; e.g += p.goldstein_mean * p.n;
    und.set(k, e);
  }
  const edges = [...und.values()];
  const deg = new Map();
  edges.forEach((e) => { deg.set(e.a, (deg.get(e.a) || 0) + e.n); deg.set(e.b, (deg.get(e.b) || 0) + e.n); });
  const nodes = [...deg.keys()].sort((x, y) => deg.get(y) - deg.get(x));
  const pos = new Map();
  nodes.forEach((c, i) => {
    const a = (2 * Math.PI * i) / Math.max(nodes.length, 1) - Math.PI / 2;
    pos.set(c, [cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
  });
  const maxN = Math.max(1, ...edges.map((e) => e.n));
  const maxD = Math.max(1, ...deg.values());
  let s = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="actor network" data-test="network">`;
  edges.sort((x, y) => x.n - y.n).forEach((e) => {
    const [x1, y1] = pos.get(e.a), [x2, y2] = pos.get(e.b);
    const g = e.g / e.n;
    s += `<a href="#/pair?a=${encodeURIComponent(e.a)}&b=${encodeURIComponent(e.b)}"><line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${balanceColor(g)}" stroke-width="${(1 + 9 * e.n / maxN).toFixed(1)}" stroke-opacity="0.75" stroke-linecap="round"><title>${esc(e.a)} – ${esc(e.b)}: ${e.n} events, mean Goldstein ${g.toFixed(2)}</title></line></a>`;
  });
  nodes.forEach((c) => {
    const [x, y] = pos.get(c);
    const r = 6 + 14 * Math.sqrt(deg.get(c) / maxD);
    const lx = x + (x - cx) / rad * (r + 14), ly = y + (y - cy) / rad * (r + 14) + 4;
    s += `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="#1f3a5f" fill-opacity="0.85"><title>${esc(c)}: ${deg.get(c)} events</title></circle>`;
    s += `<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="middle">${esc(c)}</text>`;
  });
  return s + "</svg>";
}
