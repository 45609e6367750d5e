// Functions: the tasks a group shares, with a staff contact and how many
// people each shift needs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { addPerson, openPhone, screenshotDir, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

const functions = (page) => page.getByRole('list', { name: 'All functions' }).getByRole('listitem');

test('a function is added with its staff contact and size, and kept', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Bent Hansen');
  await page.goto(`${app.url}#/functions`);
  await page.getByText(/^No functions yet/).waitFor();
  await page.getByRole('button', { name: 'Add function' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Café');
  await page.getByLabel('Staff contact').selectOption({ label: 'Bent Hansen' });
  await page.getByLabel('People needed per shift').fill('3');
  await page.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: 'Added Café.' }).waitFor();
  await waitForSaved(page);
  await page.screenshot({ path: join(screenshotDir, 'functions-added.png'), fullPage: true });

  await page.reload();
  await functions(page).first().waitFor();
  assert.deepEqual(await functions(page).allTextContents(), ['Café3 people per shift · contact: Bent HansenEditRetire']);

  // Edited in place: the contact and size change, the name stays.
  await page.getByRole('button', { name: 'Edit Café' }).tap();
  const form = page.getByRole('form', { name: 'Edit Café' });
  assert.equal(await form.getByLabel('Staff contact').inputValue(), await form.getByLabel('Staff contact').locator('option', { hasText: 'Bent Hansen' }).getAttribute('value'));
  await form.getByLabel('People needed per shift').fill('0');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Enter a number from 1 to 200.').waitFor();
  await form.getByLabel('People needed per shift').fill('2');
  await form.getByLabel('Staff contact').selectOption({ label: 'No contact yet' });
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
  await page.reload();
  await functions(page).first().waitFor();
  assert.deepEqual(await functions(page).allTextContents(), ['Café2 people per shift · no contact yetEditRetire']);
  await done();
});

test('a function without a name, or needing 0 or 10,000 people, is refused beside the field', async () => {
  const { page, done } = await openPhone(app, '#/functions');
  await page.getByRole('button', { name: 'Add function' }).tap();
  const name = page.getByLabel('Name', { exact: true });
  const needed = page.getByLabel('People needed per shift');

  await name.fill('   ');
  await page.getByRole('button', { name: 'Save' }).tap();
  await page.getByText('Please enter a name for the function.').waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');

  await name.fill('Kitchen');
  for (const count of ['0', '10000']) {
    await needed.fill(count);
    await page.getByRole('button', { name: 'Save' }).tap();
    await page.getByText('Enter a number from 1 to 200.').waitFor();
    assert.equal(await needed.getAttribute('aria-invalid'), 'true');
  }
  await page.screenshot({ path: join(screenshotDir, 'functions-refused.png'), fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).tap();
  await page.reload();
  await page.getByText(/^No functions yet/).waitFor();
  await done();
});
