// Joining a group as groups really do: a coordinator invites a phone with a
// link and a QR code (live sync through pouchdb-server), another phone
// joins from a .flok file shared to Flok (the service worker's share
// target) or opened with it (the launch queue), a volunteer receives the
// volunteer's copy; the same person recorded twice is merged into one.
// Bad links and bad files change nothing and say why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  addPerson,
  flok,
  goTo,
  openPhone,
  root,
  savePlain,
  scratchDir,
  screenshotDir,
  seriousAccessibilityViolations,
  startApp,
  startCouch,
  startSyncing,
  waitForHeading,
  waitForSaved,
} from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

/** Chromium logs failed requests; the sync tests provoke none, but a first sync may race one. */
const ignoreConsole = /Failed to load resource|net::ERR_/;
/** In the demo file below: Ib Madsen has an agreement that goes on; Vagn Nielsen has a phone but is no staff contact; Else Olsen is Kitchen's contact. */
const demo = join(scratchDir, 'join-demo.json');
const shoot = (page, name) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/** A coordinator's phone: a new group, the demo data imported, coordinator mode on. */
async function coordinator(options = {}) {
  const phone = await openPhone(app, '#/today', { ignoreConsole, ...options });
  const { page } = phone;
  await page.getByRole('button', { name: 'Start a new group' }).tap();
  const start = page.getByRole('form', { name: 'Getting started' });
  await start.getByLabel("Your group's name").fill('Café Ærtebjerg');
  await start.getByLabel('Your name').fill('Mette Holm');
  await start.getByRole('button', { name: 'Start' }).tap();
  await page.getByText('Hello, Mette Holm.').waitFor();
  await importFile(page, demo);
  return phone;
}

async function importFile(page, file, preview = async () => {}) {
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Import file').setInputFiles(file);
  await preview();
  await page.getByRole('button', { name: 'Merge into my data' }).tap();
  await page.getByRole('status').filter({ hasText: /^Imported: \d+ new/ }).waitFor();
  await waitForSaved(page);
}

/** Downloads what `button` in Settings exports; gives the saved file and its JSON. */
async function exported(page, button, name) {
  await page.goto(`${app.url}#/settings`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).tap()]);
  const plain = await savePlain(download, `${name}.json`);
  return { file: join(scratchDir, download.suggestedFilename().endsWith('.flok') ? `${name}.flok` : `${name}.json`), text: readFileSync(plain, 'utf8') };
}

/**
 * Once the service worker is active, posts `file` to the share target as a
 * messenger would: a navigation, which the active worker answers whether or
 * not it controls this page yet (a page loaded while the worker was still
 * installing, as after opening the whole app in the small build's place, is
 * controlled only from its next load).
 */
async function shareToFlok(page, name, bytes, type) {
  const active = await page.evaluate(() =>
    Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((done) => setTimeout(() => done(false), 15_000))]),
  );
  assert.ok(active, 'the service worker is active');
  await page.evaluate(
    ({ name, bytes, type }) => {
      const form = Object.assign(document.createElement('form'), { method: 'post', enctype: 'multipart/form-data', action: './share-target' });
      const input = Object.assign(document.createElement('input'), { type: 'file', name: 'file' });
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array(bytes)], name, { type }));
      input.files = files.files;
      form.append(input);
      document.body.append(form);
      form.submit();
    },
    { name, bytes: [...bytes], type },
  );
  await page.waitForURL('**#/open');
}

/** Picks a person on "Who are you?" and lands on their day. */
async function iAm(page, name) {
  await page.getByRole('region', { name: 'Who are you?' }).getByRole('button', { name }).tap();
  await page.getByText(`Hello, ${name}.`).waitFor();
}

before(() => execFileSync(flok, ['demo', '--seed', '3', '--people', '8', '--years', '1', '-o', demo]));

test('a coordinator invites a phone by link and QR code; it syncs, picks its person and sees its shifts', async (t) => {
  const couch = await startCouch();
  t.after(() => couch.stop());
  const a = await coordinator();
  const { page } = a;
  await startSyncing(page, app, couch);
  await page.getByRole('status').filter({ hasText: /^Last synced .+\. \d+ received, \d+ sent\./ }).waitFor({ timeout: 30_000 });

  const invite = page.getByRole('region', { name: 'Invite someone' });
  assert.equal(await invite.getByLabel('Through live sync').isChecked(), true);
  // Where a session cookie stands in for the password, it must be typed for the link.
  await invite.getByLabel('Password').fill('');
  await invite.getByRole('button', { name: 'Make invitation' }).tap();
  await a.page.locator('#invite-password-error').filter({ hasText: 'type the password the new phone will sync with' }).waitFor();
  await invite.getByLabel('Password').fill(couch.password);
  assert.equal(await invite.getByLabel('For a volunteer: no coordinator pages on that phone').isChecked(), true);
  await invite.getByRole('button', { name: 'Make invitation' }).tap();
  await invite.getByRole('note').filter({ hasText: "Whoever has this link can read the group's data" }).waitFor();
  const link = await invite.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  assert.ok(link.startsWith(`${app.url}#/join/1.`), link);
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  await shoot(page, 'invitation');

  // The QR code, as a camera sees it, gives back the link.
  const qr = PNG.sync.read(await invite.getByRole('img', { name: 'QR code of the invitation link' }).screenshot());
  const decoded = jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height);
  assert.equal(decoded?.data, link);

  // A new phone opens the link, joins, and is asked who it is.
  const b = await openPhone(app, '', { coordinator: false, ignoreConsole });
  await b.page.goto(link);
  await waitForHeading(b.page, 'Join a group');
  await b.page.getByText('An invitation to Café Ærtebjerg').waitFor();
  await b.page.getByText(`This phone will sync with ${couch.url}/flok as ${couch.user}.`).waitFor();
  await b.page.getByText('The phone is set up for a volunteer (no coordinator pages).').waitFor();
  assert.deepEqual(await seriousAccessibilityViolations(b.page), []);
  await b.page.getByRole('button', { name: 'Join the group' }).tap();
  const who = b.page.getByRole('region', { name: 'Who are you?' });
  await who.getByRole('button', { name: 'Ib Madsen' }).waitFor({ timeout: 30_000 });
  assert.ok((await who.getByRole('listitem').count()) >= 9, 'the group’s people and its coordinator');
  await shoot(b.page, 'join-who-are-you');
  await iAm(b.page, 'Ib Madsen');
  await b.page.waitForURL('**#/today');
  assert.ok((await b.page.getByRole('region', { name: 'Next shifts' }).getByRole('listitem').count()) > 0, 'Ib sees his shifts');
  const bar = b.page.getByRole('navigation', { name: 'Main' });
  assert.equal(await bar.getByRole('link', { name: 'Plan' }).count(), 0, 'volunteer use: no coordinator pages');
  await b.page.goto(`${app.url}#/settings`);
  await b.page.getByText(`Syncing with ${couch.url}/flok`).waitFor();
  await b.done();
  await a.done();
});

test('a phone joins from a .flok file shared to Flok, another from one opened with Flok', async () => {
  const a = await coordinator();
  const { file } = await exported(a.page, 'Export data', 'join-shared');
  assert.ok(file.endsWith('.flok'));
  const bytes = readFileSync(file);

  // Shared from a messenger: the service worker receives the POST.
  const c = await openPhone(app, '#/today', { coordinator: false });
  await c.page.getByRole('button', { name: 'Join my group' }).waitFor();
  await shoot(c.page, 'welcome-doors');
  await shareToFlok(c.page, 'Café Ærtebjerg.flok', bytes, 'application/gzip');
  await waitForHeading(c.page, 'Open a file');
  await c.page.getByText('Read a compressed Flok file (.flok).').waitFor();
  assert.ok(!c.page.url().includes('shared'), 'a reload does not import again');
  assert.deepEqual(await seriousAccessibilityViolations(c.page), []);
  await shoot(c.page, 'open-shared-file');
  await c.page.getByRole('button', { name: 'Merge into my data' }).tap();
  await iAm(c.page, 'Vagn Nielsen');
  await c.done();

  // Opened with Flok: the launch queue hands over the file.
  // Chromium has a launch queue only for an installed app: this one stands in
  // for it, at the manifest's file_handlers action (which starts the whole app).
  const d = await openPhone(app, '?opened#/today', { coordinator: false }, () => {
    const queue = { setConsumer: (consumer) => (window.launched = consumer) };
    Object.defineProperty(window, 'launchQueue', { value: queue, configurable: true });
  });
  await d.page.waitForFunction(() => typeof window.launched === 'function');
  await d.page.evaluate((bytes) => {
    const file = new File([new Uint8Array(bytes)], 'group.flok', { type: 'application/x-flok' });
    window.launched({ files: [{ getFile: async () => file }] });
  }, [...bytes]);
  await waitForHeading(d.page, 'Open a file');
  await d.page.getByRole('button', { name: 'Merge into my data' }).tap();
  await iAm(d.page, 'Ib Madsen');
  await d.done();
  await a.done();
});

test('the volunteer’s copy carries no private note and only staff contacts’ details', async () => {
  const a = await coordinator();
  await a.page.goto(`${app.url}#/people`);
  await a.page.getByRole('list', { name: 'Everyone in the group' }).getByRole('button', { name: 'Vagn Nielsen' }).tap();
  const details = a.page.getByRole('form', { name: 'Details of Vagn Nielsen' });
  await details.getByLabel(/^Note/).fill('Knæet driller om vinteren');
  await details.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(a.page);
  const full = await exported(a.page, 'Export data', 'join-full');
  assert.ok(full.text.includes('Knæet driller') && full.text.includes('+45 82434025'));
  const copy = await exported(a.page, "Volunteer's copy", 'join-volunteers');
  assert.match(copy.text, /"personal_details": "volunteer-copy"/);
  assert.ok(readFileSync(copy.file).length * 5 <= Buffer.byteLength(copy.text), 'compressed to a fifth or less');

  const v = await openPhone(app, '#/today', { coordinator: false });
  await v.page.getByRole('button', { name: 'Join my group' }).tap();
  await v.page.getByLabel('Open a file I received').setInputFiles(copy.file);
  await v.page.getByText("It is a volunteer's copy: no private notes, and contact details only of staff contacts. Importing it erases nothing.").waitFor();
  await v.page.getByRole('button', { name: 'Merge into my data' }).tap();
  await iAm(v.page, 'Ib Madsen');
  const held = (await exported(v.page, 'Export as plain JSON', 'join-volunteer-holds')).text;

  // A group without a server invites with a note saying which file to ask for.
  await a.page.goto(`${app.url}#/settings`);
  const invite = a.page.getByRole('region', { name: 'Invite someone' });
  assert.equal(await invite.getByLabel('Through live sync').isDisabled(), true);
  await invite.getByLabel('Which file to ask for, and from whom').fill("Ask Mette for the volunteer's copy");
  // This one is for a second coordinator.
  await invite.getByLabel('For a volunteer: no coordinator pages on that phone').uncheck();
  await invite.getByRole('button', { name: 'Make invitation' }).tap();
  const link = await invite.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  assert.equal(await invite.getByRole('note').count(), 0, 'no warning: the link carries no password');
  const e = await openPhone(app, '', { coordinator: false });
  await e.page.goto(link);
  await e.page.getByText("Ask Mette for the volunteer's copy").waitFor();
  await e.page.getByText('The phone is set up for a coordinator (with the planning pages).').waitFor();
  await e.page.getByRole('button', { name: 'Join the group' }).tap();
  await e.page.getByLabel('Open a file I received').setInputFiles(copy.file);
  await e.page.getByRole('button', { name: 'Merge into my data' }).tap();
  await iAm(e.page, 'Vagn Nielsen');
  await e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).waitFor();
  await e.done();
  assert.ok(!held.includes('Knæet driller'), 'no private note');
  assert.ok(!held.includes('+45 82434025'), 'no phone of someone who is no staff contact');
  assert.ok(held.includes('+45 81118690'), 'the Kitchen’s staff contact can be reached');
  const followUps = Object.values(JSON.parse(held).records.followup ?? {});
  assert.ok(followUps.every((f) => !f.note || f.note[0] === null), 'no conversation notes');
  await v.done();
  await a.done();
});

test('a file of the changes since the last one sent is small, says so, and merges like the whole', async () => {
  const a = await coordinator();
  const full = await exported(a.page, 'Export data', 'since-full');
  const b = await openPhone(app, '#/today', { coordinator: false });
  await b.page.getByRole('button', { name: 'Join my group' }).tap();
  await b.page.getByLabel('Open a file I received').setInputFiles(full.file);
  await b.page.getByRole('button', { name: 'Merge into my data' }).tap();
  await iAm(b.page, 'Ib Madsen');

  await a.page.goto(`${app.url}#/people`);
  await addPerson(a.page, 'Nanna Nyborg');
  await a.page.goto(`${app.url}#/settings`);
  const changes = a.page.getByRole('form', { name: 'Export changes' });
  const since = changes.getByLabel('Changes since');
  assert.match(await since.locator('option:checked').textContent(), /^the file I sent on /);
  const [download] = await Promise.all([a.page.waitForEvent('download'), changes.getByRole('button', { name: 'Export changes' }).tap()]);
  assert.match(download.suggestedFilename(), /-changes-since-\d{4}-\d{2}-\d{2}\.flok$/);
  const text = readFileSync(await savePlain(download, 'since-changes.json'), 'utf8');
  assert.ok(text.includes('Nanna Nyborg') && !text.includes('Vagn Nielsen'), 'only what changed');
  assert.ok(readFileSync(join(scratchDir, 'since-changes.flok')).length * 10 < readFileSync(full.file).length, 'small');

  await importFile(b.page, join(scratchDir, 'since-changes.flok'), async () => {
    await b.page.getByText(/^It holds only the changes since .+; importing it removes nothing\.$/).waitFor();
  });
  const [mine, theirs] = [await exported(a.page, 'Export as plain JSON', 'since-a'), await exported(b.page, 'Export as plain JSON', 'since-b')];
  assert.deepEqual(JSON.parse(theirs.text).records, JSON.parse(mine.text).records, 'the same data as a full file gives');
  await b.done();
  await a.done();
});

test('the same person recorded twice is merged into one, with everything they had', async () => {
  const a = await coordinator();
  const { page } = a;
  await page.goto(`${app.url}#/people`);
  await addPerson(page, 'Ib M.');
  await goTo(page, 'Today');
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Who uses this device').selectOption({ label: 'Ib M.' });
  await goTo(page, 'Today');
  await page.getByRole('button', { name: 'Check in' }).tap();
  await page.getByText(/^You are on duty since/).waitFor();

  await page.goto(`${app.url}#/people`);
  await page.getByRole('list', { name: 'Everyone in the group' }).getByRole('button', { name: 'Ib Madsen' }).tap();
  await page.getByRole('link', { name: 'Page of Ib Madsen' }).tap();
  await waitForHeading(page, 'Ib Madsen');
  const same = page.getByRole('region', { name: 'The same person twice?' });
  await same.getByLabel('Other record of this person').selectOption({ label: 'Ib M.' });
  await same.getByRole('button', { name: 'Merge into Ib Madsen' }).tap();
  await same.getByText(/^Ib M\. is merged into Ib Madsen: agreements, check-ins/).waitFor();
  await shoot(page, 'person-merge');
  await same.getByRole('group', { name: 'Merge' }).getByRole('button', { name: 'Merge' }).tap();
  await same.getByRole('status').filter({ hasText: 'Ib M. is merged into Ib Madsen.' }).waitFor();
  await waitForSaved(page);

  await page.goto(`${app.url}#/people`);
  const names = await page.getByRole('list', { name: 'Everyone in the group' }).getByRole('button').allTextContents();
  assert.ok(names.includes('Ib Madsen') && !names.includes('Ib M.'), names.join(', '));
  // This phone's user followed the merge, and the check-in went with him.
  await goTo(page, 'Today');
  await page.getByText('Hello, Ib Madsen.').waitFor();
  await page.getByText(/^You are on duty since/).waitFor();
  await a.done();
});

test('a damaged invitation and bad files set nothing up and say why', async () => {
  const { page, done } = await openPhone(app, '#/today', { coordinator: false, ignoreConsole });
  const link = `#/join/1.eyJncm91cCI6IkNhZsOpIiwidm9sdW50ZWVyIjp0cnVlfQ`;
  for (const bad of [link, `${link}.AAAAAAAAAAA`]) {
    await page.goto(`${app.url}${bad}`);
    await waitForHeading(page, 'Join a group');
    await page.getByRole('alert').filter({ hasText: 'This invitation link is incomplete or was changed. Nothing was set up' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Join the group' }).count(), 0);
  }
  // A link with no invitation at all is the first screen's "Join my group".
  await page.goto(`${app.url}#/join/`);
  await page.getByLabel('Open a file I received').waitFor();
  // Pasted there: refused beside the field.
  await page.goto(`${app.url}#/today`);
  await page.getByRole('button', { name: 'Join my group' }).tap();
  await page.getByLabel('Invitation link').fill(`${app.url}${link}`);
  await page.getByRole('button', { name: 'Open invitation' }).tap();
  await page.locator('#invitation-link-error').filter({ hasText: 'incomplete or was changed' }).waitFor();
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('button', { name: 'Start syncing' }).waitFor();

  const bomb = join(scratchDir, 'bomb.flok');
  writeFileSync(bomb, gzipSync(Buffer.alloc(101 * 1024 * 1024, 32), { level: 1 }));
  const notGzip = join(scratchDir, 'not-gzip.flok');
  writeFileSync(notGzip, readFileSync(demo));
  const cut = join(scratchDir, 'cut.flok');
  const packed = gzipSync(readFileSync(demo));
  writeFileSync(cut, packed.subarray(0, packed.length / 2));
  for (const [file, says] of [
    [bomb, 'The compressed file unpacks to more than 100 MB: too large to be a Flok export.'],
    [notGzip, 'The file is named .flok but is not compressed Flok data'],
    [cut, 'The compressed file is damaged: it was probably cut off'],
  ]) {
    await page.getByLabel('Import file').setInputFiles(file);
    await page.getByRole('alert').filter({ hasText: says }).waitFor({ timeout: 30_000 });
  }
  // A picture shared to Flok by mistake.
  const png = readFileSync(join(root, 'pwa/icons/icon-192.png'));
  await shareToFlok(page, 'photo.png', png, 'image/png');
  await page.getByRole('alert').filter({ hasText: 'a picture is not a Flok file' }).waitFor();
  await page.goto(`${app.url}#/today`);
  await page.getByRole('button', { name: 'Start a new group' }).waitFor();
  await done();
});

test('the manifest offers Flok for .flok files and as a share target', async () => {
  const manifest = await (await fetch(new URL('manifest.webmanifest', app.url))).json();
  assert.deepEqual(manifest.file_handlers[0].accept['application/x-flok'], ['.flok']);
  // Opened with Flok, a file goes to the whole app (see src/builds.rs).
  assert.equal(manifest.file_handlers[0].action, './?opened');
  assert.equal(manifest.share_target.method, 'POST');
  assert.equal(manifest.share_target.params.files[0].name, 'file');
});
