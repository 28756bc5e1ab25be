// Latency of the API and of dashboard page loads against a running server:
//   DYAD_URL=http://127.0.0.1:PORT node tests/bench.mjs [REPS]
// API: each request REPS times in sequence (median, p95). "pair view data"
// is the five requests the pair view makes, issued together as the page
// does. Page loads: navigation to a rendered view in headless Chromium.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BASE = (process.env.DYAD_URL || "").replace(/\/$/, "");
const REPS = +(process.argv[2] || 30);
const A = process.env.PAIR_A || "CHN", B = process.env.PAIR_B || "RUS";
const pairCalls = [
  `/api/v1/dyad?a=${A}&b=${B}&by=month`,
  `/api/v1/events?dyad=${A},${B}&limit=25&offset=0`,
  `/api/v1/claims?dyad=${A},${B}&limit=50`,
  `/api/v1/commitments?dyad=${A},${B}&limit=50`,
  `/api/v1/pairs?limit=300`,
];
const single = [
  ...pairCalls,
  "/api/v1/summary?limit=12",
  "/api/v1/actors?countries=true&limit=25",
  "/api/v1/documents?limit=50",
  `/api/v1/events?actor=${A}&limit=50&offset=500`,
  `/api/v1/events?dyad=${A},${B}&format=csv&limit=1000`,
  "/api/v1/search?q=Putin%20Beijing&limit=50",
  "/healthz",
];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms`;
};
async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
async function get(u) {
  const r = await fetch(BASE + u);
  if (!r.ok) throw new Error(`${u}: ${r.status}`);
  await r.arrayBuffer();
}

for (const u of single) {
  await get(u); // warm
  const xs = [];
  for (let i = 0; i < REPS; i++) xs.push(await time(() => get(u)));
  console.log(`${u}: ${stats(xs)}`);
}
const xs = [];
for (let i = 0; i < REPS; i++) xs.push(await time(() => Promise.all(pairCalls.map(get))));
console.log(`pair view data (${pairCalls.length} requests together): ${stats(xs)}`);

const profile = mkdtempSync(join(tmpdir(), "dyad-bench-"));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const page = ctx.pages()[0] || (await ctx.newPage());
const n = Math.max(5, Math.floor(REPS / 3));
for (const [name, hash] of [["overview", "#/"], ["pair view", `#/pair?a=${A}&b=${B}`], ["actors", "#/actors"]]) {
  const ys = [];
  for (let i = 0; i < n + 1; i++) {
    const t = await time(async () => {
      await page.goto("about:blank");
      await page.goto(`${BASE}/${hash}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    });
    if (i) ys.push(t); // the first load warms the cache
  }
  console.log(`page load, ${name}: ${stats(ys)} (${n} loads, to rendered)`);
}
await ctx.close();
rmSync(profile, { recursive: true, force: true });
