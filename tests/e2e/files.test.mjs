// Export and import as a person does them, and the round trip with the
// `flok` command line: the CLI's files import into the app, the app's
// exports satisfy the CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addPerson,
  everyone,
  flok,
  newLongTasks,
  openPhone,
  savePlain,
  scratchDir,
  screenshotDir,
  startApp,
  waitForSaved,
  watchLongTasks,
} from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

async function pick(page, file) {
  await page.getByLabel('Import file').setInputFiles(file);
}

test('a file made by the flok command line imports after a preview', async () => {
  const file = join(scratchDir, 'from-cli.json');
  execFileSync(flok, ['demo', '--seed', '11', '--people', '6', '--years', '1', '-o', file]);
  const { page, done } = await openPhone(app, '#/settings');
  await pick(page, file);
  const preview = page.getByRole('table', { name: 'What the import will change' });
  await preview.waitFor();
  const people = preview.getByRole('row', { name: /^People/ });
  assert.deepEqual(await people.getByRole('cell').allTextContents(), ['6', '0', '0']);
  await page.screenshot({ path: join(screenshotDir, 'import-preview.png'), fullPage: true });

  await page.getByRole('button', { name: 'Merge into my data' }).tap();
  await page.getByRole('status').filter({ hasText: /^Imported: \d+ new, 0 changed, 0 deleted\.$/ }).waitFor();
  await page.goto(`${app.url}#/people`);
  await everyone(page).nth(5).waitFor();
  // A reload while the import is still being saved asks before leaving.
  await waitForSaved(page);
  await page.reload();
  await everyone(page).nth(5).waitFor();
  assert.equal(await everyone(page).count(), 6);
  await done();
});

test('an export from the app is a file the command line accepts', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna Jensen');
  await everyone(page).first().waitFor();

  await page.goto(`${app.url}#/settings`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data' }).tap(),
  ]);
  assert.match(download.suggestedFilename(), /^flok-group-\d{4}-\d{2}-\d{2}\.flok$/);
  const file = await savePlain(download, 'from-app.json');
  const packed = join(scratchDir, 'from-app.flok');
  assert.ok(statSync(packed).size * 2 < statSync(file).size, 'compressed');
  assert.match(execFileSync(flok, ['validate', packed]).toString(), /a sound Flok export \(format 2\.0/);

  assert.match(execFileSync(flok, ['validate', file]).toString(), /a sound Flok export \(format 2\.0/);
  const stats = JSON.parse(execFileSync(flok, ['stats', '--json', file]).toString());
  assert.equal(stats.kinds.person.live, 1);
  assert.match(readFileSync(file, 'utf8'), /"Anna Jensen"/);

  // The same file again holds nothing new: the merge button stays disabled.
  await pick(page, file);
  await page.getByText('This file holds nothing you do not already have.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Merge into my data' }).isDisabled(), true);
  await done();
});

test('a bad file is refused with a message saying which kind, and changes nothing', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna');
  await everyone(page).first().waitFor();
  await page.goto(`${app.url}#/settings`);

  const good = readFileSync(join(scratchDir, 'from-cli.json'), 'utf8');
  const cases = [
    ['empty.json', '', 'The file is empty.'],
    ['notes.txt', 'Shopping: milk, coffee', 'The file is not JSON, so it is not a Flok export.'],
    ['cut.json', good.slice(0, good.length / 2), 'The file ends too early'],
    ['damaged.json', good.replace('"Café"', '"Cafe"'), 'The file is damaged: its contents do not match its checksum.'],
    ['other.json', '{"type": "FeatureCollection", "features": []}', 'This JSON file is not a Flok export.'],
    ['newer.json', good.replace('"version": "2.0"', '"version": "3.0"'), 'written by a newer version of Flok (format 3.0)'],
  ];
  for (const [name, content, message] of cases) {
    await pick(page, { name, mimeType: 'application/json', buffer: Buffer.from(content) });
    const alert = page.getByRole('alert').filter({ hasText: message });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Nothing was changed\.$/);
    if (name === 'newer.json') await page.screenshot({ path: join(screenshotDir, 'import-refused.png'), fullPage: true });
  }
  await page.goto(`${app.url}#/people`);
  await everyone(page).first().waitFor();
  assert.deepEqual(await everyone(page).allTextContents(), ['Anna']);
  await done();
});

test('cancelling a previewed import changes nothing', async () => {
  const { page, done } = await openPhone(app, '#/settings');
  await pick(page, join(scratchDir, 'from-cli.json'));
  await page.getByRole('table', { name: 'What the import will change' }).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).tap();
  await page.goto(`${app.url}#/people`);
  await page.getByText('No one has been added yet.').waitFor();
  await done();
});

test('an export without personal details leaves out phone, e-mail and notes, and importing it erases nothing', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna Jensen');
  await everyone(page).getByRole('button', { name: 'Anna Jensen' }).tap();
  const form = page.getByRole('form', { name: 'Details of Anna Jensen' });
  await form.getByLabel('Phone').fill('+45 12 34 56 78');
  await form.getByLabel('E-mail').fill('anna@example.org');
  await form.getByLabel(/^Note/).fill('Bakes on Fridays');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByRole('status').filter({ hasText: 'Details saved.' }).waitFor();

  await page.goto(`${app.url}#/settings`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export without personal details' }).tap(),
  ]);
  assert.match(download.suggestedFilename(), /^flok-group-\d{4}-\d{2}-\d{2}-no-personal-details\.flok$/);
  const file = await savePlain(download, 'no-personal.json');
  const text = readFileSync(file, 'utf8');
  assert.match(text, /"personal_details": "omitted"/);
  assert.match(text, /"Anna Jensen"/);
  for (const secret of ['+45 12 34 56 78', 'anna@example.org', 'Bakes on Fridays']) assert.ok(!text.includes(secret), secret);
  assert.match(execFileSync(flok, ['validate', file]).toString(), /a sound Flok export/);

  await pick(page, file);
  await page.getByText('This file holds nothing you do not already have.').waitFor();
  await page.goto(`${app.url}#/people`);
  await everyone(page).getByRole('button', { name: 'Anna Jensen' }).tap();
  assert.equal(await page.getByRole('form', { name: 'Details of Anna Jensen' }).getByLabel('Phone').inputValue(), '+45 12 34 56 78');
  await done();
});

test('a file dropped on the data box imports; the import is undone, in this tab, the other and after a reload', async () => {
  const file = join(scratchDir, 'dropped.json');
  execFileSync(flok, ['demo', '--seed', '12', '--people', '5', '--years', '1', '-o', file]);
  const { page, context, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna Jensen');
  const other = await context.newPage();
  await other.goto(`${app.url}#/people`);
  await everyone(other).first().waitFor();

  await page.goto(`${app.url}#/settings`);
  const dataTransfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return data;
  }, readFileSync(file, 'utf8'));
  await page.getByRole('region', { name: 'Your data', exact: true }).dispatchEvent('drop', { dataTransfer });
  await page.getByRole('table', { name: 'What the import will change' }).waitFor();
  await page.getByRole('button', { name: 'Merge into my data' }).tap();
  await page.getByRole('status').filter({ hasText: /^Imported: \d+ new/ }).waitFor();
  await waitForSaved(page);
  await everyone(other).nth(5).waitFor();

  await page.getByRole('button', { name: 'Undo import' }).tap();
  await page.getByRole('status').filter({ hasText: 'The import was undone: your data is as it was before.' }).waitFor();
  await waitForSaved(page);
  await page.waitForFunction(() => document.querySelectorAll('.people > li').length === 1, null, { timeout: 5_000 }).catch(() => {});
  await other.waitForFunction(() => document.querySelectorAll('.people > li').length === 1);
  await page.goto(`${app.url}#/people`);
  await page.reload();
  await everyone(page).first().waitFor();
  assert.deepEqual(await everyone(page).getByRole('button').allTextContents(), ['Anna Jensen']);
  await other.close();
  await done();
});

test('the undo is offered only until the next change', async () => {
  const file = join(scratchDir, 'dropped.json');
  const { page, done } = await openPhone(app, '#/settings');
  await pick(page, file);
  await page.getByRole('button', { name: 'Merge into my data' }).tap();
  await page.getByRole('button', { name: 'Undo import' }).waitFor();
  await page.getByLabel("Your group's name").fill('Café');
  await page.getByLabel("Your group's name").blur();
  await page.getByRole('button', { name: 'Undo import' }).waitFor({ state: 'detached' });
  await done();
});

/** The longest task since the last call (0 if none was over 50 ms). */
const longestTask = async (page) => Math.max(0, ...(await newLongTasks(page)));

test('an encrypted export opens on another phone with the passphrase only; a wrong one or a changed file changes nothing', async () => {
  const a = await openPhone(app, '#/people', {}, watchLongTasks);
  await addPerson(a.page, 'Anna Jensen');
  await a.page.goto(`${app.url}#/settings`);
  const seal = a.page.getByRole('form', { name: 'Encrypted export' });
  await seal.getByLabel('Group passphrase').fill('kort');
  await seal.getByRole('button', { name: 'Export encrypted' }).tap();
  await seal.getByText('The passphrase must have at least 8 characters.').waitFor();
  await seal.getByLabel('Group passphrase').fill('kaffe og kage');
  await longestTask(a.page);
  const [download] = await Promise.all([a.page.waitForEvent('download'), seal.getByRole('button', { name: 'Export encrypted' }).tap()]);
  // 600,000 rounds of PBKDF2 are WebCrypto's, off the page's thread: a tap still answers.
  const sealing = await longestTask(a.page);
  console.log(`# longest task while sealing: ${Math.round(sealing)} ms`);
  assert.ok(sealing <= 100, `sealing kept the page busy for ${Math.round(sealing)} ms`);
  assert.match(download.suggestedFilename(), /^flok-group-\d{4}-\d{2}-\d{2}-encrypted\.json$/);
  const file = join(scratchDir, 'sealed.json');
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  const envelope = JSON.parse(text);
  assert.equal(envelope.format, 'flok-sealed');
  assert.equal(envelope.cipher, 'AES-256-GCM');
  assert.deepEqual([envelope.kdf.name, envelope.kdf.iterations], ['PBKDF2-SHA256', 600000]);
  assert.ok(!text.includes('Anna'), 'nothing readable without the passphrase');
  await a.done();

  const tampered = join(scratchDir, 'sealed-tampered.json');
  const flipped = envelope.ciphertext[10] === 'A' ? 'B' : 'A';
  writeFileSync(tampered, JSON.stringify({ ...envelope, ciphertext: envelope.ciphertext.slice(0, 10) + flipped + envelope.ciphertext.slice(11) }));

  const b = await openPhone(app, '#/settings', {}, watchLongTasks);
  const open = b.page.getByRole('form', { name: 'Open encrypted file' });
  await pick(b.page, tampered);
  await open.getByLabel('Group passphrase').fill('kaffe og kage');
  await open.getByRole('button', { name: 'Open' }).tap();
  await open.getByText(/^The passphrase is wrong, or the file was changed/).waitFor();
  await open.getByRole('button', { name: 'Cancel' }).tap();

  await pick(b.page, file);
  await open.getByLabel('Group passphrase').fill('kaffe og kagE');
  await open.getByRole('button', { name: 'Open' }).tap();
  await open.getByText(/^The passphrase is wrong/).waitFor();
  await b.page.screenshot({ path: join(screenshotDir, 'import-encrypted-wrong.png'), fullPage: true });
  await open.getByLabel('Group passphrase').fill('kaffe og kage');
  await longestTask(b.page);
  await open.getByRole('button', { name: 'Open' }).tap();
  await b.page.getByRole('button', { name: 'Merge into my data' }).waitFor();
  const opening = await longestTask(b.page);
  console.log(`# longest task while opening: ${Math.round(opening)} ms`);
  assert.ok(opening <= 100, `opening kept the page busy for ${Math.round(opening)} ms`);
  await b.page.getByRole('button', { name: 'Merge into my data' }).tap();
  await b.page.getByRole('status').filter({ hasText: /^Imported: 1 new/ }).waitFor();
  await b.page.goto(`${app.url}#/people`);
  assert.deepEqual(await everyone(b.page).getByRole('button').allTextContents(), ['Anna Jensen']);
  await b.done();
});

test('Share hands the export to the phone’s share sheet, or downloads it where there is none', async () => {
  // A phone with a share sheet: record what it is handed.
  const sharing = await openPhone(app, '#/people', {}, () => {
    window.shared = [];
    navigator.canShare = (data) => Array.isArray(data.files) && data.files.length === 1;
    navigator.share = async (data) => {
      const unpacked = data.files[0].stream().pipeThrough(new DecompressionStream('gzip'));
      window.shared.push({ name: data.files[0].name, text: await new Response(unpacked).text() });
    };
  });
  await addPerson(sharing.page, 'Anna Jensen');
  await sharing.page.goto(`${app.url}#/settings`);
  await sharing.page.getByRole('button', { name: 'Share' }).tap();
  await sharing.page.waitForFunction(() => window.shared.length === 1);
  const [shared] = await sharing.page.evaluate(() => window.shared);
  assert.match(shared.name, /^flok-group-\d{4}-\d{2}-\d{2}\.flok$/);
  assert.match(shared.text, /"format": "flok-export"/);
  assert.match(shared.text, /"Anna Jensen"/);
  await sharing.page.getByText('This device has not exported yet.').waitFor({ state: 'detached' });
  await sharing.done();

  // Headless Chromium on Linux has no share sheet: the same button downloads.
  const plain = await openPhone(app, '#/settings');
  const [download] = await Promise.all([plain.page.waitForEvent('download'), plain.page.getByRole('button', { name: 'Share' }).tap()]);
  assert.match(download.suggestedFilename(), /^flok-group-\d{4}-\d{2}-\d{2}\.flok$/);
  await plain.done();
});
