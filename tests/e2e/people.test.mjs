// People: adding a person by name, as a coordinator would on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { addPerson, assertNoSidewaysScroll, everyone, openPhone, screenshotDir, startApp } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

test('a person added on the People page is still there after a reload', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, '  Anna Jensen ');
  await page.getByRole('status').filter({ hasText: 'Added Anna Jensen.' }).waitFor();
  assert.deepEqual(await everyone(page).allTextContents(), ['Anna Jensen']);

  await addPerson(page, 'Bent Hansen');
  await everyone(page).nth(1).waitFor();
  await page.screenshot({ path: join(screenshotDir, 'people-with-two.png'), fullPage: true });

  await page.reload();
  await everyone(page).nth(1).waitFor();
  assert.deepEqual(await everyone(page).allTextContents(), ['Anna Jensen', 'Bent Hansen']);
  await done();
});

test('an empty or whitespace-only name is refused with a message beside the field', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await page.getByRole('button', { name: 'Add person' }).tap();
  const name = page.getByLabel('Name', { exact: true });

  for (const typed of ['', '     ']) {
    await name.fill(typed);
    await page.getByRole('button', { name: 'Save' }).tap();
    const message = page.locator('#person-name-error');
    await message.filter({ hasText: 'Please enter a name.' }).waitFor();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    // The message is the field's accessible description, so a screen reader reads it.
    assert.equal(await name.getAttribute('aria-describedby'), 'person-name-error');
    assert.equal(await everyone(page).count(), 0);
  }
  await page.screenshot({ path: join(screenshotDir, 'people-empty-name-refused.png'), fullPage: true });

  // Typing clears the complaint; nothing was stored meanwhile.
  await name.fill('C');
  assert.equal(await name.getAttribute('aria-invalid'), 'false');
  await page.reload();
  await page.getByText('No one has been added yet.').waitFor();
  await done();
});

test('a 10,000-character name is stored and shown without breaking the layout', async () => {
  const { page, done } = await openPhone(app, '#/people');
  const long = 'Å'.repeat(10_000);
  await addPerson(page, long);
  await everyone(page).first().waitFor();
  await assertNoSidewaysScroll(page); // the "Added …" status holds the name too
  await page.reload();
  await everyone(page).first().waitFor();
  assert.equal(await everyone(page).first().textContent(), long);
  await assertNoSidewaysScroll(page);
  await done();
});

test('a name containing HTML is stored and shown as plain text', async () => {
  const { page, done } = await openPhone(app, '#/people');
  const markup = '<img src=x onerror=alert(1)>';
  await addPerson(page, markup);
  await page.reload();
  await everyone(page).first().waitFor();
  assert.equal(await everyone(page).first().textContent(), markup);
  assert.equal(await page.locator('main img').count(), 0, 'the name must not become an element');
  await assertNoSidewaysScroll(page);
  await done(); // fails on the alert dialog, had the markup run
});

test('Cancel closes the form without adding anyone', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await page.getByRole('button', { name: 'Add person' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Dorte');
  await page.getByRole('button', { name: 'Cancel' }).tap();
  assert.equal(await page.getByLabel('Name', { exact: true }).count(), 0);
  assert.equal(await everyone(page).count(), 0);
  await done();
});
