// How soon each build (src/builds.rs) shows Today on a phone holding 200
// people's five years, as on a phone that opens Flok every day (`dailyStart`
// in the harness), at full speed and with the CPU slowed 4×.
// Prints figures for docs/performance.md; timings are noise-prone, so the
// scale test, not this, holds a limit.
//
//   bash scripts/measure.sh         (builds, then runs this and scale.mjs)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { dailyStart, flok, openPhone, scratchDir, startApp } from '../e2e/harness.mjs';

const file = join(scratchDir, 'perf-demo-1.json');
execFileSync(flok, ['demo', '--seed', '1', '--people', '200', '--years', '5', '-o', file]);
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
  console.log('| phone (build) | CPU | navigation → Today drawn | wasm fetched | app reads its data | the read takes |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    for (const [who, mode] of [["a coordinator's", 'on'], ["a volunteer's", 'off']]) {
      await page.evaluate((mode) => localStorage.setItem('flok.coordinator', mode), mode);
      const { render, wasm, started, load, build } = await dailyStart(page);
      const speed = rate === 1 ? 'full speed' : `${rate}× slower`;
      console.log(`| ${who} (${build}) | ${speed} | ${render} ms | ${wasm} ms | ${started} ms | ${load} ms |`);
    }
  }
  await done();
} finally {
  await app.stop();
}
