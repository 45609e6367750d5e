// The two builds (src/builds.rs): a volunteer's phone downloads the small
// one and acts in it; a page it lacks opens the whole app in its place, with
// the data as it was, online and offline; a coordinator's phone starts the
// whole app at once. The loader opens the database while the wasm loads,
// and leaves creating or upgrading it to the app.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPerson, everyone, flok, openPhone, scratchDir, seriousAccessibilityViolations, startApp, waitForHeading, waitForSaved, yearsRead } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
  execFileSync(flok, ['demo', '--seed', '3', '--people', '8', '--years', '1', '-o', demo]);
});
after(async () => app?.stop());

const demo = join(scratchDir, 'builds-demo.json');

/** Which build's wasm this document fetched: 'volunteer', 'app' or both. */
async function wasmFetched(page) {
  const names = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
  return names.flatMap((name) => name.match(/flok-(volunteer|app)-[0-9a-f]+_bg\.wasm$/)?.[1] ?? []).sort();
}

/** A volunteer's phone holding the demo group, Ib Madsen chosen; its first tab is closed. */
async function volunteerPhone() {
  const phone = await openPhone(app, '#/join', { coordinator: false });
  const { page } = phone;
  await page.getByLabel('Open a file I received').setInputFiles(demo);
  await page.getByRole('button', { name: 'Merge into my data' }).tap();
  await page.getByRole('region', { name: 'Who are you?' }).getByRole('button', { name: 'Ib Madsen' }).tap();
  await page.getByText('Hello, Ib Madsen.').waitFor();
  await waitForSaved(page);
  assert.deepEqual(await wasmFetched(page), ['app'], 'joining is the whole app’s');
  return phone;
}

/** A new tab of the same phone, as when the person opens Flok again. */
async function newTab(context, hash) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(app.url + hash);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { page, problems };
}

test('a volunteer’s phone starts the small build, acts in it, and a page it lacks opens the whole app', async () => {
  const { context, done } = await volunteerPhone();
  const { page, problems } = await newTab(context, '#/today');
  await page.getByText('Hello, Ib Madsen.').waitFor();
  assert.deepEqual(await wasmFetched(page), ['volunteer']);
  assert.deepEqual(await seriousAccessibilityViolations(page), []);

  await page.getByRole('button', { name: 'Check in' }).tap();
  await page.getByRole('button', { name: 'Check out' }).waitFor();
  await waitForSaved(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'My shifts' }).tap();
  await waitForHeading(page, 'My shifts');
  await nav.getByRole('link', { name: 'Open slots' }).tap();
  await waitForHeading(page, 'Open slots');
  assert.deepEqual(await wasmFetched(page), ['volunteer'], 'the daily pages are all in the small build');

  // Settings is the whole app's: it opens in the same tab, the data as it was.
  await nav.getByRole('link', { name: 'Settings' }).tap();
  await waitForHeading(page, 'Settings');
  assert.deepEqual(await wasmFetched(page), ['app']);
  await page.evaluate(() => (window.stillThisDocument = true));
  await nav.getByRole('link', { name: 'Today' }).tap();
  await page.getByRole('button', { name: 'Check out' }).waitFor();
  assert.equal(await page.evaluate(() => window.stillThisDocument), true, 'this tab stays in the whole app');
  // Any other address the small build does not hold, typed or followed.
  const other = await newTab(context, '#/people');
  await waitForHeading(other.page, 'People');
  assert.deepEqual(await wasmFetched(other.page), ['app']);
  assert.deepEqual([...problems, ...other.problems], []);
  await done();
});

test('offline after one visit, the small build starts and the whole app still opens', async () => {
  const { page: first, context, done } = await volunteerPhone();
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await context.setOffline(true);
  const { page, problems } = await newTab(context, '#/my-shifts');
  await waitForHeading(page, 'My shifts');
  assert.deepEqual(await wasmFetched(page), ['volunteer']);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).tap();
  await waitForHeading(page, 'Settings');
  assert.deepEqual(await wasmFetched(page), ['app']);
  assert.deepEqual(problems, []);
  await done();
});

test('a coordinator’s phone starts the whole app and nothing else', async () => {
  const { page, done } = await openPhone(app, '#/today');
  await page.getByRole('button', { name: 'Start a new group' }).waitFor();
  assert.deepEqual(await wasmFetched(page), ['app']);
  await done();
});

test('an empty phone starts the small build; starting a group there plans it in the whole app', async () => {
  const { page, done } = await openPhone(app, '#/today', { coordinator: false });
  assert.deepEqual(await wasmFetched(page), ['volunteer']);
  await page.getByRole('button', { name: 'Start a new group' }).tap();
  await page.getByRole('form', { name: 'Getting started' }).getByLabel('Your name').fill('Anna');
  await page.getByRole('button', { name: 'Start', exact: true }).tap();
  await page.getByText('Hello, Anna.').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).tap();
  await waitForHeading(page, 'Plan');
  assert.deepEqual(await wasmFetched(page), ['app']);
  await done();

  // "Join my group" is a page of the whole app's.
  const other = await openPhone(app, '#/today', { coordinator: false });
  await other.page.getByRole('button', { name: 'Join my group' }).tap();
  await waitForHeading(other.page, 'Join a group');
  await other.page.getByLabel('Open a file I received').waitFor();
  assert.deepEqual(await wasmFetched(other.page), ['app']);
  await other.done();
});

/** In `page`, the entries of one of Flok's object stores, as [key, value] pairs. */
function storedEntries(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('flok');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction(store).objectStore(store);
          const [keys, values] = [read.getAllKeys(), read.getAll()];
          values.onsuccess = () => (db.close(), resolve(keys.result.map((key, i) => [key, values.result[i]])));
        };
      }),
    store,
  );
}

test('a phone whose database an earlier build made opens with its data, then from one kept copy', async () => {
  const first = await openPhone(app, '#/people');
  await addPerson(first.page, 'Anna');
  const records = await storedEntries(first.page, 'records');
  await first.done();

  // Anna's records as a build before the first screen's copy kept them (database version 2).
  const phone = await phoneWithEarlierDatabase('#/people', 2, { replica: [], records }, {});
  const { page, problems } = await newTab(phone.context, '#/people');
  await everyone(page).filter({ hasText: 'Anna' }).waitFor();
  // Once all is read, the first screen's copy is kept, and the next start reads it.
  await yearsRead(page, 30_000);
  await copyKept(page);
  await page.reload();
  await everyone(page).filter({ hasText: 'Anna' }).waitFor();
  assert.deepEqual(problems, []);
  await phone.done();
});

test('a volunteer’s phone holding an earlier Flok’s one value opens the whole app, which moves it', async () => {
  // The group as builds before the records store kept it: one export under "current" (database version 1).
  const stores = { replica: [['current', readFileSync(demo, 'utf8')]] };
  const phone = await phoneWithEarlierDatabase('#/today', 1, stores, { coordinator: false });
  const { page, problems } = await newTab(phone.context, '#/today');
  await page.getByRole('region', { name: 'Who are you?' }).getByRole('button', { name: 'Ib Madsen' }).waitFor();
  assert.deepEqual(await wasmFetched(page), ['app'], 'the small build handed it to the whole app');
  assert.ok(!(await storedEntries(page, 'replica')).some(([key]) => key === 'current'), 'retired once moved');
  assert.deepEqual(problems, []);
  await phone.done();
});

/**
 * A phone (`options` as openPhone's) whose database an earlier build made at
 * `version`, holding `stores` (each store's [key, value] entries); no tab of it open.
 * The app is closed meanwhile, so nothing holds or reopens the database;
 * without a service worker, which would answer any address with the app.
 */
async function phoneWithEarlierDatabase(hash, version, stores, options) {
  const phone = await openPhone(app, hash, { ...options, serviceWorkers: 'block' });
  await phone.page.close();
  const raw = await phone.context.newPage();
  await raw.goto(`${app.url}manifest.webmanifest`);
  await raw.evaluate(
    ([version, stores]) =>
      new Promise((resolve, reject) => {
        const gone = indexedDB.deleteDatabase('flok');
        gone.onerror = () => reject(gone.error);
        gone.onsuccess = () => {
          const open = indexedDB.open('flok', version);
          open.onupgradeneeded = () => {
            for (const [name, entries] of Object.entries(stores)) {
              const store = open.result.createObjectStore(name);
              for (const [key, value] of entries) store.put(value, key);
            }
          };
          open.onsuccess = () => (open.result.close(), resolve());
          open.onerror = () => reject(open.error);
        };
      }),
    [version, stores],
  );
  await raw.close();
  return phone;
}

/** Waits until `page`'s phone keeps the first screen's copy (at once when all is read, or 3 s after saves settle). */
async function copyKept(page) {
  for (let tries = 0; tries < 100; tries++) {
    const kept = await storedEntries(page, 'replica');
    if (kept.some(([key]) => key === 'first-screen')) return;
    await page.waitForTimeout(100);
  }
  assert.fail('no copy of the first screen was kept');
}
