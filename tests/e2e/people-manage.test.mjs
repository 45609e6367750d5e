// A coordinator managing people: search, edit details, pause and mark as
// left, delete with a question first and an Undo after.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPerson, everyone, openPhone, savePlain, screenshotDir, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

const names = async (page) => everyone(page).getByRole('button').allTextContents();
const open = (page, name) => everyone(page).getByRole('button', { name, exact: true }).tap();
const details = (page, name) => page.getByRole('form', { name: `Details of ${name}` });
const isoDay = (offsetDays) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** "Mon 23 Nov", as the app writes a short date in English. */
function shortDay(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  return `${weekday} ${d.getDate()} ${month}`;
}

test('search narrows the list by part of a name, ignoring case', async () => {
  const { page, done } = await openPhone(app, '#/people');
  for (const name of ['Anna Jensen', 'Bent Hansen', 'Søren Ærø']) await addPerson(page, name);
  const search = page.getByLabel('Search by name');
  await search.fill('SEN');
  await page.waitForFunction(() => document.querySelectorAll('.person').length === 2);
  assert.deepEqual(await names(page), ['Anna Jensen', 'Bent Hansen']);
  await search.fill('ærø');
  await page.waitForFunction(() => document.querySelectorAll('.person').length === 1);
  assert.deepEqual(await names(page), ['Søren Ærø']);
  await search.fill('xyz');
  await page.getByText("No one's name matches.").waitFor();
  await done();
});

test('details are edited, kept over a reload, and a blank name is refused', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna');
  await open(page, 'Anna');
  const form = details(page, 'Anna');
  await form.getByLabel('Name', { exact: true }).fill('   ');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Please enter a name.').waitFor();

  await form.getByLabel('Name', { exact: true }).fill('Anna Jensen');
  await form.getByLabel('Phone').fill('+45 12 34 56 78');
  await form.getByLabel('E-mail').fill('anna@example.org');
  await form.getByLabel(/^Note/).fill('Bakes on Fridays');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByRole('status').filter({ hasText: 'Details saved.' }).waitFor();
  await waitForSaved(page);
  await page.screenshot({ path: join(screenshotDir, 'people-details.png'), fullPage: true });

  await page.reload();
  await open(page, 'Anna Jensen');
  const again = details(page, 'Anna Jensen');
  assert.equal(await again.getByLabel('Phone').inputValue(), '+45 12 34 56 78');
  assert.equal(await again.getByLabel('E-mail').inputValue(), 'anna@example.org');
  assert.equal(await again.getByLabel(/^Note/).inputValue(), 'Bakes on Fridays');
  await done();
});

test('a pause needs a return date after its start, shows in the list, and can be lifted', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Bent');
  await open(page, 'Bent');
  await page.getByLabel('Return date (optional)').fill(isoDay(-1));
  await page.getByRole('button', { name: 'Pause' }).tap();
  await page.getByText('The return date must come after the pause starts.').waitFor();
  assert.equal(await page.getByLabel('Return date (optional)').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Return date (optional)').fill(isoDay(30));
  await page.getByRole('button', { name: 'Pause' }).tap();
  await page.getByText(`Paused from ${shortDay(0)} until ${shortDay(30)}`).waitFor();
  await waitForSaved(page);
  await page.reload();
  await page.getByText(`Paused from ${shortDay(0)} until ${shortDay(30)}`).waitFor();

  await open(page, 'Bent');
  await page.getByRole('button', { name: 'Active again' }).tap();
  await page.getByText(/^Paused from/).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Mark as left' }).tap();
  await page.getByText(`Left on ${shortDay(0)}`).waitFor();
  await done();
});

test('deleting asks first, can be undone for a few seconds, then removes the personal details', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna Jensen');
  await addPerson(page, 'Bent');
  await open(page, 'Anna Jensen');
  const form = details(page, 'Anna Jensen');
  await form.getByLabel('Phone').fill('+45 12 34 56 78');
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);

  await page.getByRole('button', { name: 'Delete', exact: true }).tap();
  await page.getByText('Delete Anna Jensen? Their personal details are removed').waitFor();
  await page.getByRole('button', { name: 'Keep' }).tap();
  await page.getByRole('button', { name: 'Delete', exact: true }).tap();
  await page.getByRole('button', { name: 'Delete for good' }).tap();
  const toast = page.getByRole('status').filter({ hasText: 'Anna Jensen is deleted.' });
  await toast.waitFor();
  assert.deepEqual(await names(page), ['Bent']);
  await page.screenshot({ path: join(screenshotDir, 'people-deleted-undo.png'), fullPage: true });
  await toast.getByRole('button', { name: 'Undo' }).tap();
  await page.waitForFunction(() => document.querySelectorAll('.person').length === 2);
  assert.deepEqual(await names(page), ['Anna Jensen', 'Bent']);

  await open(page, 'Anna Jensen');
  await page.getByRole('button', { name: 'Delete', exact: true }).tap();
  await page.getByRole('button', { name: 'Delete for good' }).tap();
  await toast.waitFor({ state: 'detached', timeout: 15_000 });
  await waitForSaved(page);
  await page.reload();
  await everyone(page).first().waitFor();
  assert.deepEqual(await names(page), ['Bent']);

  await page.goto(`${app.url}#/settings`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data' }).tap(),
  ]);
  const text = readFileSync(await savePlain(download, 'after-delete.json'), 'utf8');
  assert.ok(!text.includes('Anna Jensen') && !text.includes('12 34 56 78'), 'the deleted person left no details');
  assert.match(text, /"_deleted"/);
  await done();
});
