// Measures Flok with the data set it is built for — 200 people over five
// years from `flok demo` — in headless Chromium on the test phone, once at
// full speed and once with the CPU slowed 4× through the DevTools protocol.
// The app marks its own work (src/perf.rs); long tasks (main thread busy
// > 50 ms) are counted per step by a PerformanceObserver. Timings are noise-
// prone, so this prints figures for docs/performance.md instead of failing.
//
//   bash scripts/measure.sh         (builds, then runs this)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { flok, newLongTasks, openPhone, scratchDir, startApp, waitForSaved, watchLongTasks, yearsRead } from '../e2e/harness.mjs';

const demo = (seed) => {
  const file = join(scratchDir, `perf-demo-${seed}.json`);
  execFileSync(flok, ['demo', '--seed', String(seed), '--people', '200', '--years', '5', '-o', file]);
  return file;
};
const group = demo(1);
const secondDevice = demo(2);

async function step(page, name, action) {
  await newLongTasks(page);
  const started = Date.now();
  await action();
  const wall = Date.now() - started;
  const tasks = await newLongTasks(page);
  return { name, wall, longest: Math.round(Math.max(0, ...tasks)), longTasks: tasks.length };
}

const measures = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.duration)]),
    ),
  );

async function importFile(page, app, file) {
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Import file').setInputFiles(file);
  await page.getByRole('button', { name: 'Merge into my data' }).waitFor({ timeout: 300_000 });
  await page.getByRole('button', { name: 'Merge into my data' }).tap();
  await page.getByRole('status').filter({ hasText: /^Imported: / }).waitFor({ timeout: 300_000 });
  await waitForSaved(page);
}

async function run(app, rate) {
  const { page, context, done } = await openPhone(app, '#/settings', {}, watchLongTasks);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const rows = [];
  rows.push(await step(page, 'import the 5-year set into an empty phone', () => importFile(page, app, group)));
  const importFirst = await measures(page);
  rows.push(await step(page, 'reload: open Today with the data', async () => {
    await page.goto(`${app.url}#/today`);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('flok:first-render').length > 0, null, { timeout: 300_000 });
  }));
  await yearsRead(page, 300_000);
  const start = await page.evaluate(() => ({
    firstRender: Math.round(performance.getEntriesByName('flok:first-render')[0].startTime),
    load: Math.round(performance.getEntriesByName('flok:load')[0].duration),
    history: Math.round(performance.getEntriesByName('flok:load-history')[0].duration),
  }));
  rows.push(await step(page, "this week's roster", async () => {
    await page.goto(`${app.url}#/roster`);
    await page.getByRole('heading', { level: 1, name: 'Roster' }).waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('flok:roster').length > 0);
  }));
  rows.push(await step(page, 'a monthly report (October 2026)', async () => {
    await page.goto(`${app.url}#/reports`);
    await page.getByLabel('From').fill('2026-10-01');
    await page.getByLabel('To').fill('2026-10-31');
    await page.getByRole('region', { name: 'Hours in the period' }).waitFor();
  }));
  const views = await measures(page);
  rows.push(await step(page, "import-merge a second device's 5-year export", () => importFile(page, app, secondDevice)));
  const second = await measures(page);
  await done();
  return { rate, rows, start, importFirst, views, second };
}

const app = await startApp();
try {
  for (const rate of [1, 4]) {
    const r = await run(app, rate);
    console.log(`\n### CPU ${rate === 1 ? 'at full speed' : `slowed ${rate}×`}\n`);
    console.log(`- navigation → first rendered Today with the data: ${r.start.firstRender} ms`);
    console.log(`- load of what the first screen needs (IndexedDB read, parse, merge): ${r.start.load} ms`);
    console.log(`- then the years of check-ins, cancellations and sign-ups, in slices: ${r.start.history} ms`);
    console.log(`- this week's roster derived: ${r.views['flok:roster']} ms`);
    console.log(`- monthly report: ${r.views['flok:report']} ms (last of the report's runs)`);
    console.log(`- import into an empty phone: check ${r.importFirst['flok:import-plan']} ms, merge ${r.importFirst['flok:import-merge']} ms`);
    console.log(`- import-merge of a second 5-year export: check ${r.second['flok:import-plan']} ms, merge ${r.second['flok:import-merge']} ms`);
    console.log('\n| step | wall time | long tasks | longest |\n| --- | ---: | ---: | ---: |');
    for (const s of r.rows) console.log(`| ${s.name} | ${s.wall} ms | ${s.longTasks} | ${s.longest} ms |`);
  }
} finally {
  await app.stop();
}
