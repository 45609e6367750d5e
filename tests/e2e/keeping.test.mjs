// Keeping data safe: the app asks the browser to keep its data, and reminds
// the person to export when the last export is old.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { addPerson, openPhone, screenshotDir, startApp, waitForSaved } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

/** Replaces navigator.storage.persist, counting calls and answering `granted`. */
function persistAnswering(granted) {
  return `
    window.__persistCalls = 0;
    navigator.storage.persist = async () => { window.__persistCalls += 1; return ${granted}; };
  `;
}

for (const [granted, sentence] of [
  [true, "This browser has promised to keep Flok's data until you delete it."],
  [false, "This browser may delete Flok's data if space runs low"],
]) {
  test(`the app asks once for persistent storage and says when the answer is ${granted ? 'yes' : 'no'}`, async () => {
    const { page, done } = await openPhone(app, '#/settings', {}, persistAnswering(granted));
    await page.getByText(sentence).waitFor();
    assert.equal(await page.evaluate(() => window.__persistCalls), 1);
    await done();
  });
}

const reminder = (page) => page.getByRole('region', { name: 'Export reminder' });

test('a reminder to export appears once there is data, and an export quiets it', async () => {
  const { page, done } = await openPhone(app, '#/people');
  assert.equal(await reminder(page).count(), 0, 'nothing to lose yet');
  await addPerson(page, 'Anna');
  await reminder(page).getByText('You have not exported your data from this device yet.').waitFor();
  await page.screenshot({ path: join(screenshotDir, 'export-reminder.png'), fullPage: true });

  await reminder(page).getByRole('link', { name: 'Export in Settings' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).tap()]);
  await reminder(page).waitFor({ state: 'detached' });
  await page.getByText(/^Last export from this device: \w+day \d+ \w+ \d{4}\.$/).waitFor();
  await done();
});

test('an old export brings the reminder back; the threshold is a setting', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna');
  const twentyDaysAgo = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  await page.evaluate((day) => localStorage.setItem('flok.last-export', day), twentyDaysAgo);
  await page.goto(`${app.url}#/settings`);
  await page.reload();
  await reminder(page).getByText(`Your last export from this device was on ${twentyDaysAgo}.`).waitFor();

  const days = page.getByLabel('Remind me to export after (days)');
  assert.equal(await days.inputValue(), '14');
  await days.fill('0');
  await days.press('Enter');
  await days.blur();
  await page.getByText('Enter a number of days from 1 to 365.').waitFor();
  assert.equal(await days.getAttribute('aria-invalid'), 'true');

  await days.fill('30');
  await days.blur();
  await reminder(page).waitFor({ state: 'detached' });
  await waitForSaved(page);
  await page.reload();
  await page.waitForFunction(() => document.getElementById('reminder-days')?.value === '30');
  assert.equal(await reminder(page).count(), 0);
  await done();
});
