// Live sync through a real CouchDB-protocol server (pouchdb-server, in
// memory, on 127.0.0.1), driven as a person would from Settings: phones with
// different data converge, and every way a server can fail leaves the
// phone's data intact, says why, and resumes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPerson, everyone, exportText, flok, freePort, openPhone, scratchDir, startApp, startCouch, startSyncing as syncSettings } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

/** A database server of the test's own, stopped when the test ends. */
async function serverFor(t) {
  const couch = await startCouch();
  t.after(() => couch.stop());
  return couch;
}

/** Chromium logs every error answer and failed request; these tests provoke them. */
const ignoreConsole = /Failed to load resource|net::ERR_/;

const startSyncing = (page, couch, settings) => syncSettings(page, app, couch, settings);

/** Waits for a sync that ended well, with no error showing. */
async function synced(page) {
  await page.getByRole('status').filter({ hasText: /^Last synced .+\. \d+ received, \d+ sent\./ }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
}

async function syncNow(page) {
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('button', { name: 'Sync now' }).tap();
}

async function eventually(check, what) {
  for (let tries = 0; tries < 100; tries++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`never happened: ${what}`);
}

async function names(page) {
  await page.goto(`${app.url}#/people`);
  await everyone(page).first().waitFor();
  return (await everyone(page).getByRole('button').allTextContents()).sort();
}

const records = (text) => JSON.parse(text).records;
const count = (byKind) => Object.values(byKind).reduce((n, ofKind) => n + Object.keys(ofKind).length, 0);

test('two phones with different data sync to the same data; a third joins from an old file', async (t) => {
  const couch = await serverFor(t);
  const a = await openPhone(app, '#/people', { ignoreConsole });
  const b = await openPhone(app, '#/people', { ignoreConsole });
  await addPerson(a.page, 'Anna');
  await addPerson(b.page, 'Bo');
  const old = join(scratchDir, 'before-sync.json');
  writeFileSync(old, await exportText(b.page, app));

  await startSyncing(a.page, couch);
  await synced(a.page);
  await startSyncing(b.page, couch);
  await synced(b.page);
  assert.deepEqual(await names(b.page), ['Anna', 'Bo']);
  await syncNow(a.page);
  await synced(a.page);
  assert.deepEqual(await names(a.page), ['Anna', 'Bo']);

  // Both change things at once; a change travels by itself a moment later.
  await addPerson(a.page, 'Asger');
  await addPerson(b.page, 'Birte');
  await eventually(async () => Object.keys(await couch.records()).length >= 4, 'both changes reach the server');
  await syncNow(a.page);
  await synced(a.page);
  await syncNow(b.page);
  await synced(b.page);

  // A third phone imports the file B exported before any sync, then syncs.
  const c = await openPhone(app, '#/settings', { ignoreConsole });
  await c.page.getByLabel('Import file').setInputFiles(old);
  await c.page.getByRole('button', { name: 'Merge into my data' }).tap();
  await c.page.getByRole('status').filter({ hasText: /^Imported: / }).waitFor();
  await startSyncing(c.page, couch);
  await synced(c.page);
  assert.deepEqual(await names(c.page), ['Anna', 'Asger', 'Birte', 'Bo']);

  const exports = [await exportText(a.page, app), await exportText(b.page, app), await exportText(c.page, app)];
  assert.deepEqual(records(exports[1]), records(exports[0]));
  assert.deepEqual(records(exports[2]), records(exports[0]));
  assert.equal(Object.keys(await couch.records()).length, count(records(exports[0])));
  for (const text of exports) assert.ok(!text.includes(couch.password), 'the password is never exported');

  // The settings outlive a reload; the start-up sync shows the last one.
  await a.page.reload();
  await a.page.goto(`${app.url}#/settings`);
  await a.page.getByText(`Syncing with ${couch.url}/flok as admin.`).waitFor();
  await synced(a.page);
  await Promise.all([a.done(), b.done(), c.done()]);
});

test('each way a server can fail keeps the data, says why, and the sync resumes', async (t) => {
  const couch = await serverFor(t);
  const { page, context, done } = await openPhone(app, '#/people', { ignoreConsole });
  await addPerson(page, 'Anna');
  const refused = async (settings, message) => {
    await startSyncing(page, couch, settings);
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Nothing on this device was lost' }).waitFor();
    await page.getByRole('button', { name: 'Stop syncing' }).tap();
    assert.deepEqual(await names(page), ['Anna']);
  };
  await refused({ server: `http://127.0.0.1:${await freePort()}` }, 'The server could not be reached');
  await refused({ password: 'wrong' }, 'The server refused the user name or password.');
  await refused({ database: 'no-such-group' }, 'The database does not exist on the server.');
  assert.deepEqual(await couch.records(), {});

  // Bad settings are refused beside their field before anything is sent.
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Server address').fill('http://couch.example.org');
  await page.getByLabel('Database', { exact: true }).fill('Flok Group');
  await page.getByRole('button', { name: 'Start syncing' }).tap();
  await page.getByText('Plain http:// would send the password unencrypted; use https://').waitFor();
  await page.getByLabel('Server address').fill('https://couch.example.org');
  await page.getByRole('button', { name: 'Start syncing' }).tap();
  await page.getByText('A database name starts with a lowercase letter').waitFor();
  assert.equal(await page.getByLabel('Database', { exact: true }).getAttribute('aria-invalid'), 'true');

  // A server that breaks down part-way: the answer to one kind of request fails.
  const origin = new URL(app.url).origin;
  const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
  const breakdowns = [
    ['_bulk_docs', { status: 409, contentType: 'application/json', body: '{"error":"conflict"}' }, '(409)'],
    ['_changes', { status: 500, contentType: 'application/json', body: '{"error":"oops"}' }, '(500)'],
    ['_changes', { status: 200, contentType: 'text/html', body: '<html>Bad gateway</html>' }, 'not a CouchDB'],
  ];
  await startSyncing(page, couch);
  await synced(page);
  const everyoneSoFar = ['Anna'];
  for (const [[path, answer, message], name] of breakdowns.map((b, i) => [b, `Person ${i}`])) {
    const pattern = new RegExp(`/flok/${path}`);
    await page.route(pattern, (route) => route.fulfill({ ...answer, headers: cors }));
    await page.goto(`${app.url}#/people`);
    await addPerson(page, name);
    everyoneSoFar.push(name);
    await page.goto(`${app.url}#/settings`);
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    assert.deepEqual(await names(page), everyoneSoFar.toSorted());
    await page.unroute(pattern);
    await syncNow(page);
    await synced(page);
    assert.equal(Object.keys(await couch.records()).length, everyoneSoFar.length);
  }

  // The connection drops in the middle of a sync: after the pull, during the push.
  await page.route(/\/flok\/_bulk_docs/, async (route) => {
    await context.setOffline(true);
    await route.abort('internetdisconnected');
  });
  await page.goto(`${app.url}#/people`);
  await addPerson(page, 'Offline Olga');
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('alert').filter({ hasText: 'The server could not be reached' }).waitFor();
  assert.deepEqual(await names(page), [...everyoneSoFar, 'Offline Olga'].toSorted());
  await page.unroute(/\/flok\/_bulk_docs/);
  // Back online: the sync resumes by itself.
  await context.setOffline(false);
  await eventually(async () => Object.keys(await couch.records()).length === everyoneSoFar.length + 1, 'resumed');
  await page.goto(`${app.url}#/settings`);
  await synced(page);
  await page.reload();
  assert.deepEqual(await names(page), [...everyoneSoFar, 'Offline Olga'].toSorted());
  await done();
});

test('two tabs syncing at once take turns (Web Locks), so neither races the other for the checkpoint', async (t) => {
  const couch = await serverFor(t);
  const file = join(scratchDir, 'two-tabs-sync.json');
  execFileSync(flok, ['demo', '--seed', '5', '--people', '20', '--years', '1', '-o', file]);
  const { page: first, context, done } = await openPhone(app, '#/settings', { ignoreConsole });
  await first.getByLabel('Import file').setInputFiles(file);
  await first.getByRole('button', { name: 'Merge into my data' }).tap();
  await first.getByRole('status').filter({ hasText: /^Imported: / }).waitFor();
  await startSyncing(first, couch);
  await synced(first);
  const second = await context.newPage();
  await second.goto(`${app.url}#/settings`);
  await synced(second);

  const syncs = (page) =>
    page.evaluate(() => performance.getEntriesByName('flok:sync').map((m) => [performance.timeOrigin + m.startTime, m.duration]));
  const before = (await syncs(first)).length + (await syncs(second)).length;
  await Promise.all([
    first.getByRole('button', { name: 'Sync now' }).tap(),
    second.getByRole('button', { name: 'Sync now' }).tap(),
  ]);
  for (const page of [first, second]) {
    await page.getByRole('status').filter({ hasText: /^Syncing/ }).waitFor({ state: 'detached' });
    await synced(page);
  }
  const all = [...(await syncs(first)), ...(await syncs(second))].sort((a, b) => a[0] - b[0]);
  assert.ok(all.length >= before + 2, `both tabs synced: ${all.length} syncs`);
  for (let i = 1; i < all.length; i++) {
    const [start, duration] = all[i - 1];
    assert.ok(start + duration <= all[i][0] + 1, `two syncs overlapped: ${JSON.stringify(all)}`);
  }
  assert.equal(await first.getByRole('alert').count(), 0);
  assert.equal(await second.getByRole('alert').count(), 0);
  await done();
});

test('where the server opens a session, the password is not kept; an ended session asks for it once more', async (t) => {
  const couch = await serverFor(t);
  // Members only, as a group's database is: a request without the session is refused.
  const security = { admins: { names: [], roles: [] }, members: { names: [couch.user], roles: [] } };
  const basic = `Basic ${Buffer.from(`${couch.user}:${couch.password}`).toString('base64')}`;
  const secured = await fetch(`${couch.url}/flok/_security`, {
    method: 'PUT',
    headers: { authorization: basic, 'content-type': 'application/json' },
    body: JSON.stringify(security),
  });
  assert.ok(secured.ok);
  const { page, context, done } = await openPhone(app, '#/people', { ignoreConsole });
  await addPerson(page, 'Anna');
  await startSyncing(page, couch);
  await synced(page);
  const kept = await page.evaluate(() => localStorage.getItem('flok.sync'));
  assert.ok(!kept.includes(couch.password), `the password is not kept: ${kept}`);
  assert.match(kept, /"session":true/);
  await page.getByText('The server opened a session: your password is not kept on this device.').waitFor();
  assert.ok((await couch.records())[`person:${Object.keys(records(await exportText(page, app)).person)[0]}`]);

  // The session cookie is gone (it expired): the next sync asks for the password.
  await context.clearCookies();
  await syncNow(page);
  await page.getByRole('alert').filter({ hasText: 'refused the user name or password' }).waitFor();
  const again = page.getByRole('form', { name: 'Sign in again' });
  await again.getByLabel('Password', { exact: true }).fill(couch.password);
  await again.getByRole('button', { name: 'Sign in again' }).tap();
  await synced(page);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.ok(!(await page.evaluate(() => localStorage.getItem('flok.sync'))).includes(couch.password));
  await done();
});
