// A group whose CouchDB is replicated (a backup, two sites): phones on each
// server edit one person at once, the servers replicate both ways and hold
// the edits as conflicting revisions; new phones on each server see every
// edit, and once the phones have synced no conflict is left and both
// servers hold the same records.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, everyone, openPhone, startApp, startCouch, startSyncing, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

async function syncWith(page, couch) {
  await startSyncing(page, app, couch);
  await synced(page);
}

async function synced(page) {
  await page.getByRole('status').filter({ hasText: /^Last synced .+\. \d+ received, \d+ sent\./ }).waitFor();
}

async function syncNow(page) {
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('button', { name: 'Sync now' }).tap();
  await page.getByRole('status').filter({ hasText: /^Syncing/ }).waitFor({ state: 'detached' });
  await synced(page);
}

/** Opens a person's details and saves these fields. */
async function edit(page, name, fields) {
  await page.goto(`${app.url}#/people`);
  await everyone(page).getByRole('button', { name, exact: true }).tap();
  const form = page.getByRole('form', { name: `Details of ${name}` });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
}

/** The person's details as a phone shows them. */
async function details(page, name) {
  await page.goto(`${app.url}#/people`);
  await everyone(page).getByRole('button', { name, exact: true }).tap();
  const form = page.getByRole('form', { name: `Details of ${name}` });
  const value = (label) => form.getByLabel(label, { exact: true }).inputValue();
  return { phone: await value('Phone'), email: await value('E-mail') };
}

test('edits made on two replicating servers reach every phone, and no conflict is left', async (t) => {
  const [one, two] = [await startCouch(), await startCouch()];
  t.after(() => Promise.all([one.stop(), two.stop()]));
  const phones = [];
  const phone = async () => {
    const opened = await openPhone(app, '#/people', { ignoreConsole: /Failed to load resource|net::ERR_/ });
    phones.push(opened);
    return opened.page;
  };
  const a = await phone();
  await addPerson(a, 'Anna');
  await syncWith(a, one);
  await one.replicateTo(two);
  const b = await phone();
  await syncWith(b, two);

  // At once, on each site: A the phone number and the name, B the e-mail and (later) the name.
  await edit(a, 'Anna', { Phone: '12 34 56 78', Name: 'Anna A' });
  await syncNow(a);
  await edit(b, 'Anna', { 'E-mail': 'anna@example.org', Name: 'Anna B' });
  await syncNow(b);
  await one.replicateTo(two);
  await two.replicateTo(one);
  assert.equal((await one.conflicted()).length, 1, 'server one holds both edits as conflicting revisions');
  assert.equal((await two.conflicted()).length, 1);

  // New phones on each server see every edit; the later name wins.
  const c = await phone();
  await syncWith(c, one);
  const d = await phone();
  await syncWith(d, two);
  for (const page of [c, d]) {
    assert.deepEqual(await details(page, 'Anna B'), { phone: '12 34 56 78', email: 'anna@example.org' });
  }
  assert.deepEqual(await one.conflicted(), [], 'the phones resolved the conflict on server one');
  assert.deepEqual(await two.conflicted(), []);

  // The servers replicate again, every phone syncs: all hold the same.
  await one.replicateTo(two);
  await two.replicateTo(one);
  for (const page of [a, c, b, d]) await syncNow(page);
  assert.deepEqual(await one.conflicted(), []);
  assert.deepEqual(await two.conflicted(), []);
  assert.deepEqual(await one.records(), await two.records());
  for (const page of [a, b]) {
    assert.deepEqual(await details(page, 'Anna B'), { phone: '12 34 56 78', email: 'anna@example.org' });
  }
  for (const opened of phones) await opened.done();
});
