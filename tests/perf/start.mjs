// How soon each build (src/builds.rs) shows Today on a phone holding 200
// people's five years: the median of five reloads of a settled page, after
// two that let the browser keep the build's compiled code (as on a phone
// that opens Flok every day), at full speed and with the CPU slowed 4×.
// Prints figures for docs/performance.md; timings are noise-prone, so the
// scale test, not this, holds a limit.
//
//   bash scripts/measure.sh         (builds, then runs this and scale.mjs)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { flok, openPhone, scratchDir, startApp, waitForSaved } from '../e2e/harness.mjs';

const file = join(scratchDir, 'perf-demo-1.json');
execFileSync(flok, ['demo', '--seed', '1', '--people', '200', '--years', '5', '-o', file]);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Reloads a settled page and gives when Today came, what it waited for, and the build. */
async function reload(page) {
  await waitForSaved(page);
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('flok:load-history').length > 0, null, { timeout: 300_000 });
  return page.evaluate(() => ({
    render: performance.getEntriesByName('flok:first-render')[0].startTime,
    load: performance.getEntriesByName('flok:load')[0].duration,
    build: performance.getEntriesByType('resource').map((r) => r.name.match(/(flok-[a-z]+)-[0-9a-f]+_bg\.wasm$/)?.[1]).find(Boolean),
  }));
}

const app = await startApp();
try {
  const { page, context, done } = await openPhone(app, '#/settings');
  await page.getByLabel('Import file').setInputFiles(file);
  await page.getByRole('button', { name: 'Merge into my data' }).tap({ timeout: 300_000 });
  await page.getByRole('status').filter({ hasText: /^Imported: / }).waitFor({ timeout: 300_000 });
  // Who uses the phone: Today is their day, as on a phone in use.
  await page.goto(`${app.url}#/today`);
  await page.getByRole('region', { name: 'Who are you?' }).getByRole('button').first().tap();
  const cdp = await context.newCDPSession(page);
  console.log('| phone (build) | CPU | navigation → Today drawn | of which: the first screen\'s data read |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    for (const [who, mode] of [["a coordinator's", 'on'], ["a volunteer's", 'off']]) {
      await page.evaluate((mode) => localStorage.setItem('flok.coordinator', mode), mode);
      await reload(page);
      await reload(page);
      const runs = [];
      for (let time = 0; time < 5; time++) runs.push(await reload(page));
      const render = Math.round(median(runs.map((r) => r.render)));
      const load = Math.round(median(runs.map((r) => r.load)));
      console.log(`| ${who} (${runs[0].build}) | ${rate === 1 ? 'full speed' : `${rate}× slower`} | ${render} ms | ${load} ms |`);
    }
  }
  await done();
} finally {
  await app.stop();
}
