// Who am I on this device. An empty phone offers two doors (start a new
// group, join mine); a phone holding a group's people asks "Who are you?"
// and adds someone new only after showing the list. Changed in Settings;
// the group's name names the export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, openPhone, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

const start = (page) => page.getByRole('form', { name: 'Getting started' });
const who = (page) => page.getByRole('region', { name: 'Who are you?' });

test('someone already in the group taps their name, and it is kept', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Bent Hansen');
  await addPerson(page, 'Anna Jensen');
  await page.goto(`${app.url}#/today`);
  assert.equal(await page.getByRole('button', { name: 'Start a new group' }).count(), 0, 'no doors once there is a group');
  const names = await who(page).getByRole('listitem').allInnerTexts();
  assert.deepEqual(names, ['Anna Jensen', 'Bent Hansen']);
  assert.equal(await page.getByLabel('Your name').count(), 0, 'no name to type before the list is seen');
  await who(page).getByRole('button', { name: 'Bent Hansen' }).tap();
  await page.getByText('Hello, Bent Hansen.').waitFor();
  await waitForSaved(page);
  await page.reload();
  await page.getByText('Hello, Bent Hansen.').waitFor();
  await done();
});

test('someone not on the list adds themselves, and must give a name', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Bent Hansen');
  await page.goto(`${app.url}#/today`);
  await who(page).getByRole('button', { name: 'I am not on the list' }).tap();
  const adding = page.getByRole('form', { name: 'I am not on the list' });
  await adding.getByLabel('Your name').fill('  ');
  await adding.getByRole('button', { name: 'Add me' }).tap();
  await page.locator('#my-name-error').filter({ hasText: 'Please enter a name.' }).waitFor();
  await adding.getByLabel('Your name').fill('Carl Berg');
  await adding.getByRole('button', { name: 'Add me' }).tap();
  await page.getByText('Hello, Carl Berg.').waitFor();
  await done();
});

test('a new group needs a name for its first person; nothing is added meanwhile', async () => {
  const { page, done } = await openPhone(app, '#/today');
  await page.getByRole('button', { name: 'Start a new group' }).tap();
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
  await page.getByRole('button', { name: 'Start a new group' }).tap();
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
  assert.match(download.suggestedFilename(), /^flok-café-ærtebjerg-\d{4}-\d{2}-\d{2}\.flok$/);

  await page.getByLabel('Who uses this device').selectOption({ label: 'No one chosen' });
  await page.goto(`${app.url}#/today`);
  await who(page).getByRole('button', { name: 'Anna' }).waitFor();
  await done();
});
