// What stays put while data changes around it: a notice about unreadable
// data (until dismissed), the person chosen in a picker (while another tab
// adds someone), and the kiosk's day (which turns at midnight).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, openPhone, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

test('a notice that stored data was kept aside stays through later saves until dismissed', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna');
  // A record no build of Flok can read, as a damaged disk might leave it.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('flok');
        open.onsuccess = () => {
          const tx = open.result.transaction(['records', 'replica'], 'readwrite');
          tx.objectStore('records').put('{"name": [', ['person', 'damaged']);
          // As Flok's own writes do: the first screen's copy goes with any record written.
          tx.objectStore('replica').delete('first-screen');
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  const notice = page.getByRole('alert').filter({ hasText: 'The saved data could not be read' });
  await notice.waitFor();
  await addPerson(page, 'Bent');
  await waitForSaved(page);
  // A sync or save that went well says nothing about the data kept aside.
  await page.waitForTimeout(500);
  assert.equal(await notice.count(), 1, 'the notice went away after a save');
  await notice.getByRole('button', { name: 'Dismiss' }).tap();
  await notice.waitFor({ state: 'detached' });
  await done();
});

test('a picker keeps the chosen person when another tab adds someone meanwhile', async () => {
  const { page, context, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Zeno');
  await addPerson(page, 'Maja');
  await page.goto(`${app.url}#/agreements`);
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const form = page.getByRole('form', { name: 'New agreement' });
  const person = form.getByLabel('Person');
  await person.selectOption({ label: 'Zeno' });
  await form.getByLabel('Buddy').selectOption({ label: 'Maja' });

  const other = await context.newPage();
  await other.goto(`${app.url}#/people`);
  await addPerson(other, 'Anna');
  await person.locator('option', { hasText: 'Anna' }).waitFor({ state: 'attached' });
  const shown = (select) => select.evaluate((s) => s.selectedOptions[0]?.textContent);
  assert.equal(await shown(person), 'Zeno');
  assert.equal(await shown(form.getByLabel('Buddy')), 'Maja');

  // What is saved is what is shown.
  await form.getByLabel('Function').selectOption({ index: 0 });
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Choose a function.').waitFor();
  assert.equal(await shown(person), 'Zeno');
  await other.close();
  await done();
});

test('a kiosk left on past midnight shows the new day\'s list', async () => {
  // Tuesday 1 December 2026, 23:57 on the kiosk's clock.
  const clock = new Date('2026-12-01T23:57:00Z');
  const { page, done } = await openPhone(app, '#/people', { timezoneId: 'UTC', clock });
  await addPerson(page, 'Nina');
  await page.goto(`${app.url}#/functions`);
  await page.getByRole('button', { name: 'Add function' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Café');
  await page.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
  await page.goto(`${app.url}#/agreements`);
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const form = page.getByRole('form', { name: 'New agreement' });
  await form.getByLabel('Person').selectOption({ label: 'Nina' });
  await form.getByLabel('Function').selectOption({ label: 'Café' });
  await form.getByRole('checkbox', { name: 'Wednesday' }).check();
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);

  await page.goto(`${app.url}#/kiosk`);
  const expected = page.locator('.kiosk-people');
  await page.getByRole('heading', { name: 'Expected today' }).waitFor();
  assert.equal(await expected.getByRole('button', { name: /Nina/ }).count(), 0, 'Nina is not expected on Tuesday');
  await page.clock.runFor(4 * 60_000);
  await expected.getByRole('button', { name: /Nina/ }).waitFor();
  await done();
});
