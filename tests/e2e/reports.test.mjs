// Reports on a group with history (the flok CLI's demo data): the table and
// the chart agree with the command line's report, the CSV downloads for
// international and Danish spreadsheets, and the thank-you list thanks
// everyone. Then every page is photographed with data, in Danish, light and
// dark, and checked for accessibility.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertNoSidewaysScroll,
  flok,
  openPhone,
  scratchDir,
  screenshotDir,
  seriousAccessibilityViolations,
  startApp,
  waitForHeading,
} from './harness.mjs';

let app;
const demo = join(scratchDir, 'reports-demo.json');
before(async () => {
  app = await startApp();
  execFileSync(flok, ['demo', '--seed', '5', '--people', '12', '--years', '1', '-o', demo]);
});
after(async () => app?.stop());

/** Imports the demo file through Settings; `words` are the merge button and the saved line. */
async function importDemo(page, [merge, saved] = ['Merge into my data', 'All changes saved']) {
  await page.locator('input[type="file"]').setInputFiles(demo);
  await page.getByRole('button', { name: merge }).tap();
  await page.getByRole('status').filter({ hasText: saved }).waitFor();
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.tap()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('the report per function matches the command line, as a table, a chart and a CSV', async () => {
  const { page, done } = await openPhone(app, '#/settings');
  await importDemo(page);
  await page.goto(`${app.url}#/reports`);
  await waitForHeading(page, 'Reports');
  await page.getByLabel('From').fill('2026-01-01');
  await page.getByLabel('To').fill('2026-10-31');
  await page.getByLabel('Rows').selectOption({ label: 'Per function' });

  const cli = execFileSync(flok, ['report', demo, '--from', '2026-01-01', '--to', '2026-10-31', '--by', 'function', '--csv'])
    .toString()
    .trim()
    .split('\r\n');
  const table = page.getByRole('table', { name: 'Hours in the period' });
  const rows = table.getByRole('row');
  assert.equal(await rows.count(), cli.length, 'a header and one row per function');
  const firstLabel = cli[1].split(',')[0];
  await table.getByRole('rowheader', { name: firstLabel }).waitFor();

  const chart = page.getByRole('img', { name: 'Hours as bars: agreed, then spontaneous' });
  assert.ok((await chart.locator('rect.bar-agreed').count()) >= 1, 'the chart has bars');
  await assertNoSidewaysScroll(page);
  await page.screenshot({ path: join(screenshotDir, 'reports-table-chart.png'), fullPage: true });

  await page.getByRole('checkbox', { name: /Danish spreadsheet/ }).uncheck();
  const csv = await download(page, page.getByRole('button', { name: 'Download CSV' }));
  assert.equal(csv.name, 'flok-report-2026-01-01-2026-10-31.csv');
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'Function,Agreed hours,Spontaneous hours,Cancellations,Open places');
  assert.deepEqual(lines.slice(1), cli.slice(1), 'the same figures as the command line');

  await page.getByRole('checkbox', { name: /Danish spreadsheet/ }).check();
  const danish = await download(page, page.getByRole('button', { name: 'Download CSV' }));
  assert.ok(danish.text.startsWith('\ufeffFunction;Agreed hours;'), 'a byte order mark and semicolons');
  assert.match(danish.text.split('\r\n')[1], /^[^;]+;\d+,\d\d;\d+,\d\d;\d+;\d+$/);

  const thanks = page.getByRole('list', { name: 'Thank-you list 2026' }).getByRole('listitem');
  await thanks.first().waitFor();
  for (const line of await thanks.allTextContents()) assert.match(line, / — (\d+ h|\d+ min|\d+ h \d+ min)$/);

  await page.getByLabel('To').fill('2025-12-31');
  await page.getByText('The end of the period comes before its start.').waitFor();
  assert.equal(await page.getByLabel('To').getAttribute('aria-invalid'), 'true');
  await done();
});

const pages = ['today', 'my-shifts', 'open-slots', 'people', 'functions', 'agreements', 'roster', 'follow-ups', 'competences', 'reports', 'settings', 'kiosk'];

/** Words the checks and set-up need, per language. */
const words = {
  'da-DK': { settings: 'Indstillinger', merge: 'Flet ind i mine data', saved: 'Alle ændringer er gemt', me: 'Hvem bruger denne enhed', lang: 'da' },
  'en-US': { settings: 'Settings', merge: 'Merge into my data', saved: 'All changes saved', me: 'Who uses this device', lang: 'en' },
};

test('with data, in Danish (light, dark) and English (dark): every page is tidy, translated and accessible', async () => {
  for (const [locale, colorScheme] of [['da-DK', 'light'], ['da-DK', 'dark'], ['en-US', 'dark']]) {
    const w = words[locale];
    const { page, done } = await openPhone(app, '#/settings', { locale, colorScheme });
    await waitForHeading(page, w.settings);
    await importDemo(page, [w.merge, w.saved]);
    // Someone with an agreement uses this device, so Today and My shifts have shifts.
    await page.goto(`${app.url}#/agreements`);
    const someone = (await page.locator('.agreement-who').first().textContent()).split(' · ')[0];
    await page.goto(`${app.url}#/settings`);
    await page.getByLabel(w.me).selectOption({ label: someone });
    for (const slug of pages) {
      await page.goto(`${app.url}#/${slug}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(100);
      assert.equal(await page.locator('html').getAttribute('lang'), w.lang);
      if (w.lang === 'da') {
        const text = await page.locator('main').innerText();
        assert.doesNotMatch(text, /\b(Check in|Add agreement|Open slots|Reports|Cancel this shift)\b/, `#/${slug} has English`);
      }
      await assertNoSidewaysScroll(page);
      assert.deepEqual(await seriousAccessibilityViolations(page), [], `#/${slug} in ${locale} ${colorScheme}`);
      await page.screenshot({ path: join(screenshotDir, `${slug}-${w.lang}-${colorScheme}.png`), fullPage: true });
    }
    await done();
  }
});
