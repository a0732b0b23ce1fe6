import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDriftHtml } from "../../src/emit/drift-html.js";
import { DRIFT_REPORT, HOSTILE_ROLE_NAME, IMG, SCRIPT } from "./drift-report-fixture.js";

// The HTML report as a reviewer's browser shows it: Debian's chromium, driven by playwright-core
// (which downloads no browser). CI installs chromium (.ci/run) and must fail without it; a
// developer machine without it skips, saying so.
const CHROMIUM = "/usr/bin/chromium";
const IN_CI = (process.env["CI"] ?? "") !== "";
const SKIP = !existsSync(CHROMIUM) && !IN_CI;
const SKIP_REASON = `${CHROMIUM} is absent (apt-get install chromium to run it; CI installs it and fails without it)`;
const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SCREENSHOT_COPY = "/tmp/drift-report.png";

if (SKIP) console.warn(`drift-html.chromium.test.ts skipped: ${SKIP_REASON}`);

describe.skipIf(SKIP)(`the drift report in headless Chromium${SKIP ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  let browser: Browser;
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

    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
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
    await browser?.close();
  });

  it("requests nothing but the file itself, and logs no error", () => {
    expect(requests).toEqual([fileUrl]);
    expect(consoleErrors).toEqual([]);
  });

  it("applies its inline style under its own Content-Security-Policy", async () => {
    expect(await page.evaluate("getComputedStyle(document.querySelector('table')).borderCollapse")).toBe("collapse");
    expect(await page.evaluate("getComputedStyle(document.querySelector('.bar-denied rect')).fill")).toBe("rgb(197, 48, 48)");
  });

  it("shows a heading, a summary row and the findings of each role", async () => {
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

  it("draws each role's granted, used and denied actions as labelled bars in proportion", async () => {
    const labels = [
      "Actions of role payments-service-task: 48 granted, 12 used, 2 denied",
      `Actions of role ${HOSTILE_ROLE_NAME}: 1,500 granted, 9 used, 1 denied`,
    ];
    for (const [index, role] of DRIFT_REPORT.roles.entries()) {
      const chart = page.locator(`#role-${index + 1}-chart`);
      expect(await page.getByRole("img", { name: labels[index], exact: true }).isVisible()).toBe(true);

      const bars = chart.locator("g.bar");
      expect(await bars.count()).toBe(3);
      const expected = [role.totals.granted, role.totals.used, role.totals.denied];
      const heights: number[] = [];
      for (const [i, value] of expected.entries()) {
        const bar = bars.nth(i);
        expect(await bar.locator("rect").getAttribute("data-value")).toBe(String(value));
        expect((await bar.locator("text.value").textContent())?.replace(/,/g, "")).toBe(String(value));
        expect(await bar.locator("text.label").textContent()).toBe(["granted", "used", "denied"][i]);
        const box = await bar.locator("rect").boundingBox();
        expect(box).not.toBeNull();
        heights.push(box!.height);
      }
      // The tallest bar is the plot's full height (144 px at 1:1); the others in proportion, with
      // a 2 px floor that keeps a small nonzero count visible.
      const max = Math.max(...expected);
      for (const [i, value] of expected.entries()) {
        expect(heights[i]).toBeCloseTo(Math.max(2, (value / max) * 144), 0);
      }
    }
  });

  it("renders to a screenshot for a person to look at", async () => {
    const file = path.join(directory, "drift-report.png");
    await page.screenshot({ path: file, fullPage: true });
    copyFileSync(file, SCREENSHOT_COPY);
    console.log(`drift report screenshot: ${file} (copy: ${SCREENSHOT_COPY}); page: ${fileUrl}`);
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.length).toBeGreaterThan(50_000);
  });
});
