import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { renderDriftHtml } from "../../../src/emit/drift/drift-html.js";
import { DRIFT_REPORT, HOSTILE_ROLE_NAME, IMG, SCRIPT } from "./drift-report-fixture.js";
import { run } from "../../support/run-cli.js";

// The HTML report as a reviewer's browser shows it: Debian's chromium, driven by playwright-core
// (which downloads no browser). CI installs chromium (.ci/run) and must fail without it; a
// developer machine without it skips, saying so.
const CHROMIUM = "/usr/bin/chromium";
const IN_CI = (process.env["CI"] ?? "") !== "";
const SKIP = !existsSync(CHROMIUM) && !IN_CI;
const SKIP_REASON = `${CHROMIUM} is absent (apt-get install chromium to run it; CI installs it and fails without it)`;
const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
// Where to keep a copy of the screenshot for a person to look at, when asked: the test leaves nothing in the temporary directory otherwise.
const SCREENSHOT_COPY = process.env["TIGHTEN_SCREENSHOT_COPY"];

if (SKIP) console.warn(`drift-html.chromium.test.ts skipped: ${SKIP_REASON}`);

// One browser for the file (a launch and a close cost ~0.7 s); each describe has its own context.
let launched: Promise<Browser> | undefined;
function sharedBrowser(): Promise<Browser> {
  launched ??= chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  return launched;
}
afterAll(async () => {
  await (await launched?.catch(() => undefined))?.close();
});

describe.skipIf(SKIP)(`the drift report in headless Chromium${SKIP ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let directory: string;
  let fileUrl: string;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`CI is set and ${CHROMIUM} is missing: .ci/run installs Debian's chromium before the tests`);
    directory = mkdtempSync(path.join(os.tmpdir(), "tighten-drift-html-"));
    const file = path.join(directory, "drift.html");
    writeFileSync(file, renderDriftHtml(DRIFT_REPORT));
    fileUrl = pathToFileURL(file).href;

    browser = await sharedBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    // The page must ask for nothing; should it ask anyway, the request is recorded (and the test
    // fails) but never reaches the network.
    await context.route("**/*", (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
    page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    // A Content-Security-Policy violation (an inline style or a load it refused) is logged as an error.
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await page.goto(fileUrl, { waitUntil: "load" });
  });

  afterAll(async () => {
    await context?.close();
  });

  it("requests nothing but the file itself, and logs no error", () => {
    expect(requests).toEqual([fileUrl]);
    expect(consoleErrors).toEqual([]);
  });

  it("applies its inline style under its own Content-Security-Policy", async () => {
    expect(await page.evaluate("getComputedStyle(document.querySelector('table')).borderCollapse")).toBe("collapse");
    // Colour by consequence: red breaks, amber needs a decision, blue is cleanup.
    expect(await page.evaluate("getComputedStyle(document.querySelector('details.fold.breaks')).borderLeftColor")).toBe("rgb(180, 35, 24)");
    expect(await page.evaluate("getComputedStyle(document.querySelector('details.fold.decide')).borderLeftColor")).toBe("rgb(154, 91, 0)");
    expect(await page.evaluate("getComputedStyle(document.querySelector('details.fold.cleanup')).borderLeftColor")).toBe("rgb(29, 95, 184)");
  });

  it("shows a heading, a summary row and the findings of each role", async () => {
    // Every fold opened, as a reader clicking through would.
    const closed = page.locator("details:not([open]) > summary");
    while ((await closed.count()) > 0) await closed.first().click();
    for (const name of ["payments-service-task", HOSTILE_ROLE_NAME]) {
      expect(await page.getByRole("heading", { level: 2, name: `Role ${name}`, exact: true }).isVisible()).toBe(true);
      expect(await page.locator("tr.summary-role", { hasText: name }).isVisible()).toBe(true);
    }
    const findings = DRIFT_REPORT.roles.flatMap((role, index) => [
      ...role.unused.map((grant) => [index, grant.action] as const),
      ...role.newUsage.map((usage) => [index, usage.action] as const),
      ...role.denied.map((denied) => [index, denied.call] as const),
      ...role.wildcards.map((wildcard) => [index, wildcard.statement] as const),
      ...role.ecs.map((finding) => [index, finding.kind] as const),
    ]);
    for (const [index, text] of findings) {
      const row = page.locator(`#role-${index + 1} tr.finding`, { hasText: text }).first();
      expect(await row.isVisible(), `role ${index + 1}: ${text}`).toBe(true);
    }
    expect(await page.locator("tr.finding").count()).toBe(findings.length);
    const suggestion = page.locator("#role-1 tr.detail pre").first();
    expect(await suggestion.isVisible()).toBe(true);
    expect(await suggestion.innerText()).toContain('"kms:ViaService": ["s3.us-east-1.amazonaws.com"]');
  });

  it("shows hostile strings as text and runs none of them", async () => {
    const text = await page.locator("body").innerText();
    for (const hostile of [SCRIPT, IMG, "</style>{{roles}}", `nightly-"export"|`]) expect(text).toContain(hostile);
    expect(await page.locator("script, img, iframe, object, embed").count()).toBe(0);
    expect(dialogs).toEqual([]);
    // Reading the page (text selection, hover titles) must not run anything either.
    await page.locator("#role-2 tr.finding").first().hover();
    expect(dialogs).toEqual([]);
  });

  it("renders to a screenshot for a person to look at", async () => {
    const file = path.join(directory, "drift-report.png");
    await page.screenshot({ path: file, fullPage: true });
    if (SCREENSHOT_COPY !== undefined && SCREENSHOT_COPY !== "") {
      copyFileSync(file, SCREENSHOT_COPY);
      console.log(`drift report screenshot: ${SCREENSHOT_COPY}; page: ${fileUrl}`);
    }
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.length).toBeGreaterThan(50_000);
  });
});

// The examples' report as a security lead gets it: `drift --baseline examples/current` over
// examples/cloudtrail (495 unused grants for payments-service-task), run twice with --history-dir so
// that it has a trend. Bound: the page as it loads (only what breaks unfolded) is under 4,000 px
// tall at 1,280 px wide; it was 38,149 px with every row in full. A screenshot and the boxes of its
// key elements guard the layout: UPDATE_SCREENSHOTS=1 rewrites them in test/emit/drift/__screenshots__/.
const HEIGHT_BOUND = 4_000;
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "__screenshots__");
const BASELINE_PNG = path.join(SCREENSHOTS, "drift-examples.png");
const BASELINE_GEOMETRY = path.join(SCREENSHOTS, "drift-examples.geometry.json");
const UPDATE = process.env["UPDATE_SCREENSHOTS"] === "1";
const EXAMPLES = ["drift", "--logs", "examples/cloudtrail", "--all-roles", "--baseline", "examples/current", "--since", "2026-11-01", "--quiet"];
// Fonts differ between machines: boxes may move this much, pixels differ in this share of the viewport.
const GEOMETRY_TOLERANCE = { px: 24, share: 0.1 };
const PIXEL_TOLERANCE = 0.2;
// The elements whose boxes make the layout: the summary first, then the roles, what breaks open.
const KEY_ELEMENTS = ["h1", "ul.cards", "table.summary", "section.role h2", "details.fold.breaks", "details.fold.decide > summary", "footer"];

describe.skipIf(SKIP)(`the examples' drift report in headless Chromium${SKIP ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let directory: string;
  let file: string;
  let fileUrl: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`CI is set and ${CHROMIUM} is missing: .ci/run installs Debian's chromium before the tests`);
    directory = mkdtempSync(path.join(os.tmpdir(), "tighten-drift-examples-"));
    const history = path.join(directory, "history");
    file = path.join(directory, "drift.html");
    // Two runs: the first ends before the denied calls and the new usage, the second after.
    for (const until of ["2026-11-03T12:00:00Z", "2026-11-06"]) {
      const result = await run(...EXAMPLES, "--until", until, "--history-dir", history, "--format", "html", "--out", file);
      if (result.code !== 0) throw new Error(`drift exited ${result.code}: ${result.stderr}`);
    }
    fileUrl = pathToFileURL(file).href;
    browser = await sharedBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: "light" });
    await context.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") consoleErrors.push(message.text());
    });
    await page.goto(fileUrl, { waitUntil: "load" });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it(`is under ${HEIGHT_BOUND.toLocaleString("en-US")} px tall at 1,280 px, what breaks within the first screen and a half`, async () => {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`examples drift report: ${height} px tall at 1280 px (bound ${HEIGHT_BOUND})`);
    expect(height).toBeLessThan(HEIGHT_BOUND);
    const breaks = await page.locator("details.fold.breaks").first().boundingBox();
    expect(breaks!.y).toBeLessThan(1_350);
    // Summary first: three counts by consequence, then the table, before any role.
    const cards = await page.locator("ul.cards").boundingBox();
    const firstRole = await page.locator("section.role").first().boundingBox();
    expect(cards!.y).toBeLessThan(firstRole!.y);
    expect(consoleErrors).toEqual([]);
  });

  it("unfolds a section on a click, and folds it again", async () => {
    const fold = page.locator("#role-1 details.fold.cleanup");
    const row = fold.locator("tr.finding").first();
    expect(await fold.getAttribute("open")).toBeNull();
    expect(await row.isVisible()).toBe(false);
    await fold.locator("summary").click();
    expect(await fold.getAttribute("open")).toBe("");
    expect(await row.isVisible()).toBe(true);
    await fold.locator("summary").click();
    expect(await row.isVisible()).toBe(false);
  });

  it("draws each role's trend across the two runs as inline SVG", async () => {
    expect(await page.locator("table.summary th", { hasText: "Trend, last 2 runs" }).isVisible()).toBe(true);
    const denied = page.getByRole("img", { name: "Denied of role payments-service-task, oldest run first: 0, 2" });
    expect(await denied.count()).toBe(2); // in the summary and in the role's section
    expect(await denied.last().isVisible()).toBe(true);
    const line = await denied.last().locator("polyline").boundingBox();
    expect(line!.height).toBeGreaterThan(20); // from 0 to its largest value
    expect(await page.locator("#role-1 .spark-span").allInnerTexts()).toContain("0 → 2");
  });

  it("runs no script, even one spliced into the page: its Content-Security-Policy refuses it", async () => {
    const spliced = path.join(directory, "spliced.html");
    writeFileSync(spliced, readFileSync(file, "utf8").replace("</main>", `<script>document.title = "ran";</script><svg onload="document.title='ran'"></svg></main>`));
    const other = await context.newPage();
    const refused: string[] = [];
    other.on("console", (message) => refused.push(message.text()));
    await other.goto(pathToFileURL(spliced).href, { waitUntil: "load" });
    expect(await other.title()).toMatch(/^Drift report: 4 roles/);
    expect(refused.some((text) => /Content Security Policy/i.test(text))).toBe(true);
    expect(await page.locator("script").count()).toBe(0);
    await other.close();
  });

  it("prints every fold open and the summary table whole; reads in dark mode", async () => {
    const other = await context.newPage();
    await other.goto(fileUrl, { waitUntil: "load" });
    await other.emulateMedia({ media: "print" });
    expect(await other.locator("#role-1 details.fold.cleanup tr.finding").first().isVisible()).toBe(true);
    const fits = await other.evaluate(() => {
      const table = document.querySelector("table.summary")!;
      return table.scrollWidth <= table.parentElement!.clientWidth && table.getBoundingClientRect().right <= document.documentElement.clientWidth;
    });
    expect(fits).toBe(true);
    await other.emulateMedia({ media: "screen", colorScheme: "dark" });
    expect(await other.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(13, 17, 23)");
    expect(await other.locator("#role-1 details.fold.cleanup tr.finding").first().isVisible()).toBe(false);
    await other.close();
  });

  it("keeps its layout: the boxes of its key elements and a screenshot, within a tolerance for fonts", async () => {
    // A fresh page: the tests before it unfolded and scrolled this one.
    const page = await context.newPage();
    onTestFinished(() => page.close());
    await page.goto(fileUrl, { waitUntil: "load" });
    const geometry = await page.evaluate((selectors) => {
      const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
      for (const selector of selectors) {
        const box = document.querySelector(selector)!.getBoundingClientRect();
        boxes[selector] = { x: Math.round(box.x), y: Math.round(box.y + window.scrollY), width: Math.round(box.width), height: Math.round(box.height) };
      }
      return boxes;
    }, KEY_ELEMENTS);
    const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 1280, height: 900 } });
    if (UPDATE || !existsSync(BASELINE_PNG)) {
      if (IN_CI && !UPDATE) throw new Error(`${BASELINE_PNG} is missing: run UPDATE_SCREENSHOTS=1 npx vitest run ${path.basename(fileURLToPath(import.meta.url))} and commit it`);
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(BASELINE_PNG, shot);
      writeFileSync(BASELINE_GEOMETRY, `${JSON.stringify(geometry, null, 2)}\n`);
      console.log(`wrote ${BASELINE_PNG} and ${BASELINE_GEOMETRY}`);
    }
    const expected = JSON.parse(readFileSync(BASELINE_GEOMETRY, "utf8")) as typeof geometry;
    for (const selector of KEY_ELEMENTS) {
      for (const key of ["x", "y", "width", "height"] as const) {
        const [want, got] = [expected[selector]![key], geometry[selector]![key]];
        expect(Math.abs(got - want), `${selector} ${key}: ${got}, baseline ${want}`).toBeLessThanOrEqual(Math.max(GEOMETRY_TOLERANCE.px, want * GEOMETRY_TOLERANCE.share));
      }
    }
    const differing = await differingShare(readFileSync(BASELINE_PNG), shot);
    console.log(`screenshot: ${(differing * 100).toFixed(2)}% of pixels differ from ${BASELINE_PNG}`);
    expect(differing).toBeLessThan(PIXEL_TOLERANCE);
  });

  /** The share of pixels that differ visibly between two PNGs of one size, compared in a blank page of the same browser (no image library needed). */
  async function differingShare(a: Buffer, b: Buffer): Promise<number> {
    const blank = await browser.newPage();
    try {
      return await blank.evaluate(
        async ([first, second]) => {
          const load = async (base64: string) => {
            const image = new Image();
            image.src = `data:image/png;base64,${base64}`;
            await image.decode();
            const canvas = document.createElement("canvas");
            canvas.width = image.width;
            canvas.height = image.height;
            const context = canvas.getContext("2d")!;
            context.drawImage(image, 0, 0);
            return context.getImageData(0, 0, image.width, image.height);
          };
          const [x, y] = [await load(first!), await load(second!)];
          if (x.width !== y.width || x.height !== y.height) return 1;
          let differing = 0;
          for (let i = 0; i < x.data.length; i += 4) {
            const delta = Math.max(Math.abs(x.data[i]! - y.data[i]!), Math.abs(x.data[i + 1]! - y.data[i + 1]!), Math.abs(x.data[i + 2]! - y.data[i + 2]!));
            if (delta > 48) differing++;
          }
          return differing / (x.width * x.height);
        },
        [a.toString("base64"), b.toString("base64")],
      );
    } finally {
      await blank.close();
    }
  }
});
