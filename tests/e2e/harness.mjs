// Shared set-up for the end-to-end tests: the release build in dist/ served by
// a plain static file server (no rewrite rules, as on any static host) from a
// sub-folder, and Debian's Chromium driven by playwright-core on a phone.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
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

export function freePort() {
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
  for (let tries = 0; tries < 300; tries++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer at ${url}`);
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
 * `coordinator: false` is passed among the options; `ignoreConsole` (a
 * RegExp) lets through console errors a test provokes on purpose, such as
 * Chromium's "Failed to load resource" for a server's error answer; `clock`
 * (a Date) starts the page's clock there, for the test to move on.
 */
export async function openPhone(app, hash = '', options = {}, initScript = undefined) {
  const { coordinator = true, ignoreConsole, clock, ...contextOptions } = options;
  const context = await app.browser.newContext({ ...phone, ...contextOptions });
  // A page clock set to `clock` (a Date), moved on by the test with page.clock.
  if (clock) await context.clock.install({ time: clock });
  if (coordinator) {
    await context.addInitScript(() => {
      if (localStorage.getItem('flok.coordinator') === null) localStorage.setItem('flok.coordinator', 'on');
    });
  }
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignoreConsole?.test(msg.text())) problems.push(`console error: ${msg.text()}`);
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

/**
 * Goes to a page as a person would: its link in the main navigation, or for
 * a planning page, Plan and then its link there. Names default to English.
 */
export async function goTo(page, label, { main = 'Main', plan = 'Plan', planning = 'Planning' } = {}) {
  const nav = page.getByRole('navigation', { name: main });
  const link = nav.getByRole('link', { name: label, exact: true });
  if ((await link.count()) === 0) {
    await nav.getByRole('link', { name: plan, exact: true }).tap();
    await waitForHeading(page, plan);
    await page.getByRole('navigation', { name: planning }).getByRole('link', { name: label, exact: true }).tap();
  } else {
    await link.tap();
  }
  await waitForHeading(page, label);
}

/**
 * Prints the page to an A4 PDF with the print style sheet, as a browser's
 * Print would, and reads it back: its number of pages and its text.
 */
export async function printed(page) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  let text = '';
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    text += content.items.map((item) => item.str).join(' ') + '\n';
  }
  return { pages: document.numPages, text };
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

/**
 * An init script for `openPhone`: records every task that kept the main
 * thread busy over 50 ms, and the event timing of every interaction (tap,
 * key), from the page's first moment, each as when it started and how long
 * it took.
 */
export function watchLongTasks() {
  const keep = (list, entries) => list.push(...entries.map((e) => ({ start: e.startTime, duration: e.duration })));
  window.__longTasks = [];
  new PerformanceObserver((list) => keep(window.__longTasks, list.getEntries())).observe({ type: 'longtask', buffered: true });
  window.__events = [];
  new PerformanceObserver((list) => keep(window.__events, list.getEntries().filter((e) => e.interactionId))).observe({
    type: 'event',
    durationThreshold: 16,
    buffered: true,
  });
}

/**
 * How long each task over 50 ms took that started since the last call (or
 * the page's start), asked once the page is idle: the browser reports a task
 * a little after it, and one reported late still counts where it started.
 */
export function newLongTasks(page) {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 }));
    const since = window.__tasksSince ?? 0;
    window.__tasksSince = performance.now();
    return window.__longTasks.filter((task) => task.start >= since).map((task) => task.duration);
  });
}

/** Waits until this document has read every saved record, the years too. */
export function yearsRead(page, timeout = 60_000) {
  return page.waitForFunction(() => performance.getEntriesByName('flok:load-history').length > 0, null, { timeout });
}

/**
 * Reloads a settled page and gives, in ms from navigation, when the first
 * screen was drawn with the stored data (`render`), when the wasm had come
 * (`wasm`), when the app began to read its data (`started`) and how long
 * that read took (`load`), and which build it was (`build`).
 */
export async function settledReload(page) {
  await waitForSaved(page);
  await page.waitForTimeout(500);
  await page.reload();
  await yearsRead(page, 300_000);
  return page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((r) => /flok-[a-z]+-[0-9a-f]+_bg\.wasm$/.test(r.name));
    const load = performance.getEntriesByName('flok:load')[0];
    return {
      render: performance.getEntriesByName('flok:first-render')[0].startTime,
      wasm: wasm.responseEnd,
      started: load.startTime,
      load: load.duration,
      build: wasm.name.match(/(flok-[a-z]+)-[0-9a-f]+_bg\.wasm$/)[1],
    };
  });
}

/**
 * The medians of five settled reloads, after two that let the browser keep
 * the build's compiled code and the app its first screen's copy, as on a
 * phone that opens Flok every day.
 */
export async function dailyStart(page) {
  await settledReload(page);
  await settledReload(page);
  const runs = [];
  for (let time = 0; time < 5; time++) runs.push(await settledReload(page));
  const median = (key) => Math.round(runs.map((r) => r[key]).sort((a, b) => a - b)[2]);
  return { render: median('render'), wasm: median('wasm'), started: median('started'), load: median('load'), build: runs[0].build };
}

/** Adds a person on the People page; unless told otherwise, waits until it is saved. */
export async function addPerson(page, name, { expectSaved = true } = {}) {
  await page.getByRole('button', { name: 'Add person' }).tap();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save' }).tap();
  if (expectSaved) await waitForSaved(page);
}

/**
 * Saves a download into the scratch folder as `name`; a compressed `.flok`
 * download is kept as it came (beside it) and unpacked into `name`. Gives
 * the path of the JSON.
 */
export async function savePlain(download, name) {
  const packed = download.suggestedFilename().endsWith('.flok');
  const saved = join(scratchDir, packed ? name.replace(/\.json$/, '') + '.flok' : name);
  await download.saveAs(saved);
  const plain = join(scratchDir, name);
  if (packed) writeFileSync(plain, gunzipSync(readFileSync(saved)));
  return plain;
}

/** Exports everything on the phone (Settings → Export data) and gives the file's text. */
export async function exportText(page, app) {
  await page.goto(`${app.url}#/settings`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data' }).tap(),
  ]);
  return readFileSync(await savePlain(download, `export-${process.pid}-${Date.now()}.json`), 'utf8');
}

/** Sets up live sync in Settings, as a person types it (then waits for nothing). */
export async function startSyncing(page, app, couch, { server = couch.url, database = 'flok', password = couch.password } = {}) {
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Server address').fill(server);
  await page.getByLabel('Database', { exact: true }).fill(database);
  await page.getByLabel('User name').fill(couch.user);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Start syncing' }).tap();
}

/**
 * A CouchDB-protocol server on 127.0.0.1: pouchdb-server from npm, in
 * memory, with one admin (`admin` / `couch-secret`) and a database `flok`.
 * Its working files go to a scratch folder; `stop()` ends it.
 */
export async function startCouch() {
  const port = await freePort();
  const cwd = join(root, 'target/pouchdb-server');
  mkdirSync(cwd, { recursive: true });
  const bin = join(root, 'node_modules/.bin/pouchdb-server');
  const server = spawn(bin, ['--in-memory', '--port', String(port), '--host', '127.0.0.1'], { cwd, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(`${url}/`, server);
  const admin = { user: 'admin', password: 'couch-secret' };
  const auth = { authorization: `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}` };
  const ok = async (path, init) => {
    const response = await fetch(url + path, { ...init, headers: { ...auth, 'content-type': 'application/json' } });
    assert.ok(response.ok, `${init?.method ?? 'GET'} ${path}: ${response.status}`);
    return response.json();
  };
  await fetch(`${url}/_config/admins/${admin.user}`, { method: 'PUT', body: JSON.stringify(admin.password) });
  await ok('/flok', { method: 'PUT' });
  const database = `http://${admin.user}:${admin.password}@127.0.0.1:${port}/flok`;
  return {
    url,
    database,
    ...admin,
    /** Replicates this database into `other`'s, as CouchDB's `_replicate` does. */
    async replicateTo(other) {
      const done = await ok('/_replicate', { method: 'POST', body: JSON.stringify({ source: database, target: other.database }) });
      assert.ok(done.ok, `replication: ${JSON.stringify(done)}`);
    },
    /** The ids of documents that hold conflicting revisions. */
    async conflicted() {
      const all = await ok('/flok/_all_docs?include_docs=true&conflicts=true');
      return all.rows.filter((r) => r.doc?._conflicts?.length).map((r) => r.id);
    },
    /** The Flok records the database holds, by document id. */
    async records() {
      const all = await ok('/flok/_all_docs?include_docs=true');
      return Object.fromEntries(all.rows.filter((r) => !r.id.startsWith('_')).map((r) => [r.id, r.doc.record]));
    },
    async stop() {
      server.kill();
    },
  };
}
