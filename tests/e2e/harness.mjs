// Shared set-up for the end-to-end tests: the release build in dist/ served by
// a plain static file server (no rewrite rules, as on any static host) from a
// sub-folder, and Debian's Chromium driven by playwright-core on a phone.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = join(root, 'target/e2e-screenshots');
/** Where tests write the files they pass between the app and the CLI. */
export const scratchDir = join(root, 'target/e2e-files');
/** The `flok` command line, built by the test command before these tests. */
export const flok = join(root, 'target/debug/flok');

/** The phone every test uses: 390×844 CSS px, touch, English. */
export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
};

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function waitForServer(url, child) {
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) throw new Error(`static server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`static server did not answer at ${url}`);
}

/**
 * Starts the static server and the browser. The app is served from /dist/,
 * a sub-folder, so every test also checks that no path assumes the site root.
 */
export async function startApp() {
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/dist/`;
  await waitForServer(`${url}index.html`, server);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(screenshotDir, { recursive: true });
  mkdirSync(scratchDir, { recursive: true });
  return {
    url,
    browser,
    async stop() {
      await browser.close();
      server.kill();
    },
  };
}

/**
 * A fresh phone (its own storage) with the app open at `hash`; `initScript`
 * runs before the app in every page (to stand in for a browser API). Console
 * errors, uncaught exceptions and dialogs are collected; `done()` fails the
 * test if there were any, so a broken page never passes quietly. The phone is
 * a coordinator's (coordinator mode on, as Settings would set it) unless
 * `coordinator: false` is passed among the options.
 */
export async function openPhone(app, hash = '', options = {}, initScript = undefined) {
  const { coordinator = true, ...contextOptions } = options;
  const context = await app.browser.newContext({ ...phone, ...contextOptions });
  if (coordinator) {
    await context.addInitScript(() => {
      if (localStorage.getItem('flok.coordinator') === null) localStorage.setItem('flok.coordinator', 'on');
    });
  }
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto(app.url + hash);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return {
    page,
    context,
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'the page reported problems');
    },
  };
}

/** Waits until the page's level-1 heading reads `text` (pages render after a tick). */
export async function waitForHeading(page, text) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout: 5_000 });
}

/** Fails if the page scrolls sideways: text must wrap on a phone. */
export async function assertNoSidewaysScroll(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (WCAG 2.2 A and AA rules) on the page as it is now and returns
 * the serious and critical violations, each as "rule: first offending node".
 */
export async function seriousAccessibilityViolations(page) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, node: v.nodes[0]?.html }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.node}`);
}

/** The list of everyone on the People page. */
export function everyone(page) {
  return page.getByRole('list', { name: 'Everyone in the group' }).getByRole('listitem');
}

/** Waits until the header says every change is stored, as a person would before closing. */
export async function waitForSaved(page) {
  await page.getByRole('status').filter({ hasText: /^All changes saved$/ }).waitFor();
}

/** Adds a person on the People page; unless told otherwise, waits until it is saved. */
export async function addPerson(page, name, { expectSaved = true } = {}) {
  await page.getByRole('button', { name: 'Add person' }).tap();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save' }).tap();
  if (expectSaved) await waitForSaved(page);
}
