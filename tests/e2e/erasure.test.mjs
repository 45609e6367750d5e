// Deleting a person erases what was written about them: their cancellation
// reasons and their conversations' notes and outcomes, on this phone and on
// any phone the deletion reaches through a file; their hours still count.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { everyone, flok, openPhone, savePlain, scratchDir, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

async function importFile(page, file) {
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Import file').setInputFiles(file);
  await page.getByRole('button', { name: 'Merge into my data' }).tap({ timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: /^Imported: \d+ new/ }).waitFor({ timeout: 30_000 });
  await waitForSaved(page);
}

async function exportFile(page, name, button = 'Export data') {
  await page.goto(`${app.url}#/settings`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).tap()]);
  return savePlain(download, name);
}

/** The texts about `person` still in an export: reasons, notes, outcomes. */
function textsAbout(file, person) {
  const { records } = JSON.parse(readFileSync(file, 'utf8'));
  const value = (record, field) => record[field]?.[0] ?? null;
  const agreements = Object.entries(records.agreement ?? {})
    .filter(([, a]) => value(a, 'person') === person)
    .map(([id]) => id);
  const reasons = Object.values(records.cancellation ?? {})
    .filter((c) => value(c, 'person') === person)
    .map((c) => value(c, 'reason'));
  const conversations = Object.values(records.followup ?? {})
    .filter((f) => agreements.includes(value(f, 'agreement')))
    .flatMap((f) => [value(f, 'note'), value(f, 'outcome')]);
  return { agreements, texts: [...reasons, ...conversations].filter((t) => t !== null), reasons, records };
}

test('deleting a person erases their reasons and conversations here and on a phone the file reaches', async () => {
  const original = join(scratchDir, 'erasure-demo.json');
  execFileSync(flok, ['demo', '--seed', '3', '--people', '6', '--years', '1', '-o', original]);
  const { records } = JSON.parse(readFileSync(original, 'utf8'));
  // Someone with a reason given for a cancellation and a conversation held.
  const [id, person] = Object.entries(records.person).find(([id]) => {
    const about = textsAbout(original, id);
    return about.reasons.some((r) => r) && about.texts.length > about.reasons.length;
  });
  const name = person.name[0];
  assert.ok(textsAbout(original, id).texts.length > 1, 'the demo writes about this person');

  const { page, done } = await openPhone(app, '#/settings');
  await importFile(page, original);
  await page.goto(`${app.url}#/people`);
  await everyone(page).getByRole('button', { name, exact: true }).tap();
  await page.getByRole('button', { name: 'Delete', exact: true }).tap();
  await page.getByRole('button', { name: 'Delete for good' }).tap();
  await page.getByRole('status').filter({ hasText: `${name} is deleted.` }).waitFor({ state: 'detached', timeout: 15_000 });
  await waitForSaved(page);
  const afterDeletion = await exportFile(page, 'erasure-after.json');
  const here = textsAbout(afterDeletion, id);
  assert.deepEqual(here.texts, [], 'nothing written about them is left');
  assert.ok(here.agreements.length > 0 && here.reasons.length > 0, 'their agreements and cancellations still count');
  assert.ok(!readFileSync(afterDeletion, 'utf8').includes(name));

  // A phone that still holds the old texts loses them when the deletion arrives.
  const other = await openPhone(app, '#/settings');
  await importFile(other.page, original);
  await importFile(other.page, afterDeletion);
  assert.deepEqual(textsAbout(await exportFile(other.page, 'erasure-other.json'), id).texts, []);
  // Reasons people give are personal: a file without personal details has none.
  const shared = textsAbout(await exportFile(other.page, 'erasure-shared.json', 'Export without personal details'), id);
  assert.ok(Object.values(shared.records.cancellation).every((c) => c.reason === undefined), 'no reason in a shared file');
  await other.done();
  await done();
});
