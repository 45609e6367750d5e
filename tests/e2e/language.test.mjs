// Danish and English: the interface follows the browser's language, can be
// switched in Settings, and says which language it is in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPhone, screenshotDir, seriousAccessibilityViolations, startApp, waitForHeading } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

const danishPages = [
  ['I dag', 'today'],
  ['Mine vagter', 'my-shifts'],
  ['Ledige vagter', 'open-slots'],
  ['Planlæg', 'plan'],
  ['Personer', 'people'],
  ['Funktioner', 'functions'],
  ['Arrangementer', 'events'],
  ['Rapporter', 'reports'],
  ['Indstillinger', 'settings'],
];
const danishBar = ['I dag', 'Mine vagter', 'Ledige vagter', 'Planlæg', 'Indstillinger'];

test('a Danish browser gets Danish everywhere, and the page says so', async () => {
  const { page, done } = await openPhone(app, '', { locale: 'da-DK' });
  await waitForHeading(page, 'I dag');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'da');
  const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
  for (const [label, slug] of danishPages) {
    if (danishBar.includes(label)) {
      await nav.getByRole('link', { name: label, exact: true }).tap();
    } else {
      await nav.getByRole('link', { name: 'Planlæg', exact: true }).tap();
      await page.getByRole('navigation', { name: 'Planlægning' }).getByRole('link', { name: label, exact: true }).tap();
    }
    await waitForHeading(page, label);
    assert.equal(await page.title(), `${label} · Flok`);
    assert.deepEqual(await seriousAccessibilityViolations(page), [], `#/${slug} in Danish`);
    await page.screenshot({ path: join(screenshotDir, `da-${slug}.png`), fullPage: true });
  }
  await done();
});

test('adding a person in Danish, with the refusal in Danish', async () => {
  const { page, done } = await openPhone(app, '#/people', { locale: 'da-DK' });
  await page.getByRole('button', { name: 'Tilføj person' }).tap();
  await page.getByRole('button', { name: 'Gem' }).tap();
  await page.locator('#person-name-error').filter({ hasText: 'Skriv et navn.' }).waitFor();
  await page.getByLabel('Navn', { exact: true }).fill('Søren Ærø');
  await page.getByRole('button', { name: 'Gem' }).tap();
  await page.getByRole('status').filter({ hasText: 'Søren Ærø er tilføjet.' }).waitFor();
  await page.getByRole('status').filter({ hasText: /^Alle ændringer er gemt$/ }).waitFor();
  assert.deepEqual(
    await page.getByRole('list', { name: 'Alle i gruppen' }).getByRole('listitem').allTextContents(),
    ['Søren Ærø'],
  );
  await page.screenshot({ path: join(screenshotDir, 'da-people-added.png'), fullPage: true });
  await done();
});

test('the language can be chosen in Settings, is kept, and can follow the browser again', async () => {
  const { page, done } = await openPhone(app, '#/settings', { locale: 'da-DK' });
  const language = page.getByLabel('Sprog');
  await language.selectOption('en');
  await waitForHeading(page, 'Settings');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await waitForHeading(page, 'Settings');
  await page.getByLabel('Language').selectOption('');
  await waitForHeading(page, 'Indstillinger');
  await page.reload();
  await waitForHeading(page, 'Indstillinger');
  await done();
});

test('joining in Danish: the two doors, an invitation and the Open page', async () => {
  const { createHash } = await import('node:crypto');
  const { page, done } = await openPhone(app, '', { locale: 'da-DK' });
  await page.getByRole('button', { name: 'Tilslut mig min gruppe' }).tap();
  await waitForHeading(page, 'Tilslut dig en gruppe');
  await page.getByRole('region', { name: 'Tilslut mig min gruppe' }).getByLabel('Åbn en fil, jeg har fået').waitFor();
  assert.deepEqual(await seriousAccessibilityViolations(page), [], 'joining in Danish');
  await page.screenshot({ path: join(screenshotDir, 'da-welcome-join.png'), fullPage: true });
  await page.goBack();
  await page.getByRole('button', { name: 'Start en ny gruppe' }).tap();
  await page.getByRole('form', { name: 'Kom i gang' }).getByLabel('Dit navn').waitFor();

  // An invitation as the format is documented: version, base64url JSON, 8 bytes of SHA-256.
  const body = `1.${Buffer.from(JSON.stringify({ group: 'Klubben', ask_for: 'Bed Mette om filen' })).toString('base64url')}`;
  const check = createHash('sha256').update(body).digest().subarray(0, 8).toString('base64url');
  await page.goto(`${app.url}#/join/${body}.${check}`);
  await waitForHeading(page, 'Tilslut dig en gruppe');
  await page.getByText('En invitation til Klubben').waitFor();
  await page.getByText('Bed Mette om filen').waitFor();
  assert.deepEqual(await seriousAccessibilityViolations(page), [], 'an invitation in Danish');
  await page.screenshot({ path: join(screenshotDir, 'da-join.png'), fullPage: true });
  await page.goto(`${app.url}#/open`);
  await waitForHeading(page, 'Åbn en fil');
  assert.deepEqual(await seriousAccessibilityViolations(page), [], 'the Open page in Danish');
  await done();
});
