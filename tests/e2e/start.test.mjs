// Who am I on this device: chosen on first start (someone in the group, or
// someone new), changed in Settings, and the group's name on the export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, openPhone, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

const start = (page) => page.getByRole('form', { name: 'Getting started' });

test('someone already in the group picks themselves, and it is kept', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Bent Hansen');
  await page.goto(`${app.url}#/today`);
  await start(page).getByLabel('Who are you?').selectOption({ label: 'Bent Hansen' });
  assert.equal(await start(page).getByLabel('Your name').count(), 0, 'no name to type for someone listed');
  await start(page).getByRole('button', { name: 'Start' }).tap();
  await page.getByText('Hello, Bent Hansen.').waitFor();
  await waitForSaved(page);
  await page.reload();
  await page.getByText('Hello, Bent Hansen.').waitFor();
  await done();
});

test('a new person must give a name; nothing is added meanwhile', async () => {
  const { page, done } = await openPhone(app, '#/today');
  await start(page).getByLabel('Your name').fill('   ');
  await start(page).getByRole('button', { name: 'Start' }).tap();
  await page.locator('#my-name-error').filter({ hasText: 'Please enter a name.' }).waitFor();
  assert.equal(await start(page).getByLabel('Your name').getAttribute('aria-invalid'), 'true');
  await page.goto(`${app.url}#/people`);
  await page.getByText('No one has been added yet.').waitFor();
  await done();
});

test('Settings changes who uses the device and the group name, which names the export', async () => {
  const { page, done } = await openPhone(app, '#/today');
  await start(page).getByLabel('Your name').fill('Anna');
  await start(page).getByRole('button', { name: 'Start' }).tap();
  await page.getByText('Hello, Anna.').waitFor();

  await page.goto(`${app.url}#/settings`);
  const group = page.getByLabel("Your group's name");
  await group.fill('Café Ærtebjerg');
  await group.blur();
  await waitForSaved(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data' }).tap(),
  ]);
  assert.match(download.suggestedFilename(), /^flok-café-ærtebjerg-\d{4}-\d{2}-\d{2}\.json$/);

  await page.getByLabel('Who uses this device').selectOption({ label: 'No one chosen' });
  await page.goto(`${app.url}#/today`);
  await start(page).waitFor();
  assert.equal(await start(page).getByLabel("Your group's name").inputValue(), 'Café Ærtebjerg');
  await done();
});
