// Flok as an installed app: the manifest, a start with no network after one
// visit (check in, export), and a new version offered as "Reload to update"
// that leaves the data as it was.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPerson, everyone, exportText, openPhone, root, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

/** Waits until the service worker has cached the shell and controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
}

test('the manifest makes Flok installable, with a maskable icon', async () => {
  const { page, done } = await openPhone(app);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await fetch(new URL(href, app.url))).json();
  assert.equal(manifest.short_name, 'Flok');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.theme_color && manifest.background_color);
  for (const icon of manifest.icons) {
    const response = await fetch(new URL(icon.src, new URL(href, app.url)));
    assert.ok(response.ok, `${icon.src} is served`);
  }
  const sizes = (purpose) => manifest.icons.filter((i) => i.purpose === purpose).map((i) => i.sizes);
  assert.ok(sizes('any').includes('192x192') && sizes('any').includes('512x512'));
  assert.deepEqual(sizes('maskable'), ['512x512']);
  await done();
});

test('after one visit Flok starts, checks in and exports with no network', async () => {
  const { page, context, done } = await openPhone(app, '#/today');
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('button', { name: 'Start a new group' }).tap();
  await page.getByRole('form', { name: 'Getting started' }).getByLabel('Your name').fill('Anna');
  await page.getByRole('button', { name: 'Start', exact: true }).tap();
  await page.getByRole('button', { name: 'Check in' }).tap();
  await page.getByRole('status').filter({ hasText: 'Checked in. Thank you for helping!' }).waitFor();
  await waitForSaved(page);
  const exported = JSON.parse(await exportText(page, app));
  assert.equal(Object.keys(exported.records.checkin).length, 1);

  // A new tab, opened from scratch while offline, starts too and knows her.
  const other = await context.newPage();
  await other.goto(`${app.url}#/today`);
  await other.getByRole('button', { name: 'Check out' }).waitFor();
  await other.close();
  await done();
});

/**
 * Rewrites a file of the published build as a new version would. Its time is
 * set a minute ahead: the test server's Last-Modified counts whole seconds, and
 * a file changed within the second it was copied would be answered "304 Not
 * Modified" when the browser looks for a new worker.
 */
function publish(folder, name, change) {
  const path = join(folder, name);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  const later = new Date(Date.now() + 60_000);
  utimesSync(path, later, later);
}

/** A copy of the build in a folder of its own, where a test can publish a "new version". */
function ownCopy(name) {
  const folder = join(root, 'target', name);
  rmSync(folder, { recursive: true, force: true });
  cpSync(join(root, 'dist'), folder, { recursive: true });
  return { folder, site: { ...app, url: new URL(`../target/${name}/`, app.url).href } };
}

/** A new worker, as every new build has: its cache name changes. */
const nextWorker = (text) => text.replace(/const VERSION = '(\w+)'/, "const VERSION = 'next-$1'");

test('a new version is offered with "Reload to update" when Flok is seen again, and the data stays', async () => {
  const { folder, site } = ownCopy('pwa-update');
  const { page, done } = await openPhone(site, '#/people');
  await controlled(page);
  await addPerson(page, 'Anna');
  const versions = async () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('flok-')));
  const [first] = await versions();

  publish(folder, 'sw.js', nextWorker);
  publish(folder, 'index.html', (text) => text.replace('<title>', '<!-- next --><title>'));
  // The phone comes back to Flok (as after switching apps): it looks for a new version.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await page.getByRole('region', { name: 'New version' }).getByText('A new version of Flok is ready.').waitFor();
  assert.deepEqual(await everyone(page).getByRole('button').allTextContents(), ['Anna'], 'nothing changes until asked');

  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload to update' }).tap()]);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.match(await page.content(), /<!-- next -->/);
  assert.deepEqual(await versions(), [first.replace('flok-shell-', 'flok-shell-next-')], 'the old cache is gone');
  await everyone(page).first().waitFor();
  assert.deepEqual(await everyone(page).getByRole('button').allTextContents(), ['Anna']);
  assert.equal(await page.getByRole('button', { name: 'Reload to update' }).count(), 0, 'the notice is gone');
  await done();
});

test('a new version is offered when Flok is opened again', async () => {
  const { folder, site } = ownCopy('pwa-start');
  const { page, done } = await openPhone(site, '#/today');
  await controlled(page);
  publish(folder, 'sw.js', nextWorker);
  // Opening Flok again is a navigation, on which the browser itself looks.
  await page.reload();
  await page.getByRole('button', { name: 'Reload to update' }).waitFor();
  await done();
});
