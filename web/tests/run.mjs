// End-to-end tests of the dashboard in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core). Run by the Rust test
// `issue8_dashboard_in_headless_chromium` against a live `dyad demo`:
//   DYAD_URL=http://127.0.0.1:PORT SEED_QUERY=000_ce18 SCREENSHOT_DIR=../target/screenshots node tests/run.mjs
// Prints one line per check and "N passed, N failed"; exits 1 on a failure.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BASE = (process.env.DYAD_URL || "").replace(/\/$/, "");
const SHOTS = process.env.SCREENSHOT_DIR || "screenshots";
const SEED_QUERY = process.env.SEED_QUERY || "";
if (!BASE) {
  console.error("DYAD_URL is required (the address `dyad demo` printed)");
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });

let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const profile = mkdtempSync(join(tmpdir(), "dyad-chromium-"));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const page = ctx.pages()[0] || (await ctx.newPage());
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
// offline: nothing but the server itself may be fetched
const foreign = [];
await page.route("**/*", (r) => {
  const u = r.request().url();
  if (!u.startsWith(BASE) && !u.startsWith("data:")) { foreign.push(u); return r.abort(); }
  return r.continue();
});

async function open(hash) {
  await page.goto(`${BASE}/${hash}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
}

try {
  await check("overview shows the corpus and the most active pairs", async () => {
    await open("#/");
    const cards = await page.locator('[data-test="summary"] .card b').allTextContents();
    assert(cards.length >= 5, "summary cards missing");
    assert(Number(cards[0].replace(/\D/g, "")) >= 7, `documents card says ${cards[0]}`);
    const pairs = await page.locator("tr[data-a]").count();
    assert(pairs > 0, "no pair rows");
  });

  await check("pair view China-Russia: chart by quad class, Goldstein line, events", async () => {
    await open("#/pair?a=CHN&b=RUS");
    assert((await page.locator("h1").textContent()).includes("CHN – RUS"), "heading");
    const bars = await page.locator('[data-test="pair-chart"] rect').count();
    assert(bars > 0, "no bars in the chart");
    assert((await page.locator('[data-test="goldstein-line"]').count()) === 2, "one Goldstein line per direction");
    const rows = await page.locator('[data-test="pair-events"] tr[data-doc]').count();
    assert(rows > 0, "no events listed");
    const labels = await page.locator('[data-test="pair-chart"] text').allTextContents();
    assert(labels.some((t) => t.includes("CHN → RUS")) && labels.some((t) => t.includes("RUS → CHN")), "both directions drawn");
    await page.screenshot({ path: join(SHOTS, "pair-CHN-RUS.png") });
    await page.screenshot({ path: join(SHOTS, "pair-CHN-RUS-full.png"), fullPage: true });
  });

  await check("filters live in the URL: quarter and swap", async () => {
    await page.selectOption('select[name="by"]', "quarter");
    await page.click('#pairform button[type="submit"]');
    await page.waitForFunction(() => location.hash.includes("by=quarter"));
    await page.waitForSelector('body[data-ready="1"]');
    const labels = await page.locator('[data-test="pair-chart"] text').allTextContents();
    assert(labels.some((t) => /\d{4}-Q\d/.test(t)), "quarter labels");
    await page.click("#swap");
    await page.waitForFunction(() => location.hash.includes("a=RUS"));
    await page.waitForSelector('body[data-ready="1"]');
    assert((await page.locator("h1").textContent()).includes("RUS – CHN"), "swapped heading");
  });

  await check("an event leads to its document, sentence, highlighted evidence and rule", async () => {
    await open("#/pair?a=CHN&b=RUS");
    const row = page.locator('[data-test="pair-events"] tr[data-doc]').first();
    const sentence = (await row.locator("td").nth(4).textContent()).trim();
    const trigger = (await row.locator("td").nth(4).locator("b").textContent()).trim();
    await row.click();
    await page.waitForFunction(() => location.hash.startsWith("#/doc"));
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('[data-test="explain"]');
    const rule = await page.locator('[data-test="explain"] [data-test="rule"]').textContent();
    assert(/\.txt:\d+$/.test(rule), `rule is file:line, got ${rule}`);
    const sel = (await page.locator("#doctext .sent-sel").allTextContents()).join("");
    assert(sel.replace(/\s+/g, " ").includes(sentence.replace(/\s+/g, " ")), `selected sentence "${sel}" is not "${sentence}"`);
    const trig = (await page.locator("#doctext mark.sel.trig").allTextContents()).join("");
    assert(trig === trigger, `highlighted trigger "${trig}" is not "${trigger}"`);
    assert((await page.locator(".rec.sel").count()) === 1, "the record is selected in the list");
  });

  await check("clicking a highlight explains its record", async () => {
    const mark = page.locator("#doctext mark[data-keys]").last();
    const key = (await mark.getAttribute("data-keys")).split(" ")[0];
    await mark.click();
    const shown = await page.locator('[data-test="explain"]').getAttribute("data-key");
    assert(shown === key, `explain shows ${shown}, expected ${key}`);
  });

  if (SEED_QUERY) {
    await check("the seed article's document view highlights its records", async () => {
      const r = await (await fetch(`${BASE}/api/v1/documents?q=${encodeURIComponent(SEED_QUERY)}`)).json();
      assert(r.items.length === 1, `seed not found by "${SEED_QUERY}"`);
      const id = r.items[0].doc;
      await open("#/doc?id=" + encodeURIComponent(id));
      const marks = await page.locator("#doctext mark").count();
      assert(marks > 10, `only ${marks} highlights`);
      const first = page.locator('.rec[data-kind="event"]').first();
      await first.click();
      await page.waitForSelector('[data-test="explain"]');
      // the highlighted trigger is the record's trigger, by UTF-16 offsets
      const want = await page.evaluate(async (id) => {
        const d = await (await fetch("/api/v1/documents/" + encodeURIComponent(id))).json();
        const e = d.events[0];
        return [d.text.slice(e.trigger.span16[0], e.trigger.span16[1]), e.trigger.text];
      }, id);
      assert(want[0] === want[1], `span16 slice "${want[0]}" != trigger "${want[1]}"`);
      const trig = (await page.locator("#doctext mark.sel.trig").allTextContents()).join("");
      assert(trig === want[1], `highlighted "${trig}" != "${want[1]}"`);
      await page.locator("#doctext .sent-sel").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "doc-seed.png"), fullPage: false });
    });
  }

  await check("actors view: most active actors and the network", async () => {
    await open("#/actors");
    assert((await page.locator('[data-test="actors"] tr').count()) > 1, "actors table");
    assert((await page.locator('[data-test="network"] line').count()) > 0, "network edges");
    await page.screenshot({ path: join(SHOTS, "actors.png"), fullPage: true });
  });

  await check("commitments tracker: statuses with evidence links", async () => {
    await open("#/commitments");
    const tabs = await page.locator('[data-test="status-tabs"] a').allTextContents();
    assert(tabs.some((t) => t.startsWith("kept")), "status tabs");
    const n = (t) => Number(t.replace(/\D/g, ""));
    assert(n(tabs[0]) === tabs.slice(1).reduce((s, t) => s + n(t), 0), `every commitment has a status: ${tabs}`);
    await page.click('[data-test="status-tabs"] a:has-text("kept")');
    await page.waitForFunction(() => location.hash.includes("status=kept"));
    await page.waitForSelector('body[data-ready="1"]');
    const statuses = await page.locator('[data-test="commitments"] .badge').allTextContents();
    assert(statuses.length > 0 && statuses.every((s) => s === "kept"), `statuses ${statuses}`);
    assert((await page.locator('[data-test="commitments"] td:last-child a').count()) > 0, "evidence links");
    await page.screenshot({ path: join(SHOTS, "commitments-kept.png") });
  });

  await check("search finds sentences and links to them", async () => {
    await open("#/search?q=Putin%20Beijing");
    const n = await page.locator('[data-test="search"] a').count();
    assert(n > 0, "no hits for Putin Beijing");
  });

  await check("phone width: the pair view fits without sideways scrolling", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open("#/pair?a=CHN&b=RUS");
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert(sw <= iw + 1, `page is ${sw}px wide at ${iw}px`);
    await page.screenshot({ path: join(SHOTS, "pair-CHN-RUS-phone.png"), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await check("no script errors and nothing fetched from elsewhere", async () => {
    assert(errors.length === 0, errors.join("; "));
    assert(foreign.length === 0, foreign.join(", "));
  });
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
