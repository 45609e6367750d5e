// The size Flok is built for: a group of 200 people over five years (the
// `flok demo` data set) imports, saves in IndexedDB with room to spare, and
// is all there after a reload; its year of hours per person is charted in
// short; and none of it keeps the page from answering a tap for long.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  addPerson,
  dailyStart,
  everyone,
  flok,
  newLongTasks,
  openPhone,
  scratchDir,
  startApp,
  waitForSaved,
  watchLongTasks,
  yearsRead,
} from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

/**
 * The goal is no task over 50 ms (docs/performance.md: none at full speed
 * on this machine). A shared CI machine can stretch any task, so the test
 * fails only at twice that, which still catches work that is not sliced (an
 * unsliced import of this set took 440 ms).
 */
const LONGEST_TASK_MS = 100;

/** Fails if, since the last call, a task kept the page busy for longer than allowed. */
async function assertResponsive(page, what) {
  const tasks = await newLongTasks(page);
  console.log(`${what}: ${tasks.length} tasks over 50 ms${tasks.length ? `, longest ${Math.round(Math.max(...tasks))} ms` : ''}`);
  for (const ms of tasks) assert.ok(ms <= LONGEST_TASK_MS, `${what} kept the page busy for ${Math.round(ms)} ms`);
}

test('200 people over five years import, save with room to spare, and survive a reload', async () => {
  const file = join(scratchDir, 'demo-200x5.json');
  execFileSync(flok, ['demo', '--seed', '1', '--people', '200', '--years', '5', '-o', file]);
  const { page, context, done } = await openPhone(app, '#/settings', {}, watchLongTasks);
  // Starting the app (compiling the wasm, the first drawing) is not work on
  // the data; its time is in docs/performance.md.
  await newLongTasks(page);
  await page.getByLabel('Import file').setInputFiles(file);
  const people = page.getByRole('table', { name: 'What the import will change' }).getByRole('row', { name: /^People/ });
  await people.waitFor({ timeout: 60_000 });
  assert.deepEqual(await people.getByRole('cell').allTextContents(), ['200', '0', '0']);
  await page.getByRole('button', { name: 'Merge into my data' }).tap();
  await page.getByRole('status').filter({ hasText: /^Imported: \d+ new/ }).waitFor({ timeout: 60_000 });
  await waitForSaved(page);
  await assertResponsive(page, 'checking, merging and saving the import');

  const { usage, quota } = await page.evaluate(() => navigator.storage.estimate());
  console.log(`# stored: ${usage} bytes of a ${quota}-byte quota (${((100 * usage) / quota).toFixed(2)} %)`);
  assert.ok(usage < quota / 10, `${usage} bytes is too close to the quota of ${quota}`);

  await page.goto(`${app.url}#/people`);
  await page.reload();
  await everyone(page).nth(199).waitFor({ timeout: 60_000 });
  assert.equal(await everyone(page).count(), 200);
  await assertResponsive(page, 'loading five years and listing everyone');

  // The first screen does not wait for five years: the older check-ins,
  // cancellations, sign-ups and conversations are read after it is drawn.
  // Reading them all first took 519 ms here; the recent part takes 90–150 ms
  // (the limit is twice that, for a shared CI machine).
  await yearsRead(page);
  const start = await page.evaluate(() => {
    const [load, history] = ['flok:load', 'flok:load-history'].map((name) => performance.getEntriesByName(name)[0]);
    const render = performance.getEntriesByName('flok:first-render')[0].startTime;
    return { load: load.duration, render, historyEnds: history.startTime + history.duration };
  });
  console.log(`# recent data read in ${Math.round(start.load)} ms, first screen at ${Math.round(start.render)} ms, the years read by ${Math.round(start.historyEnds)} ms`);
  assert.ok(start.load < 300, `reading what the first screen needs took ${Math.round(start.load)} ms`);
  assert.ok(start.render < start.historyEnds, 'the first screen was drawn before the years were read');

  // A year per person is a long table; the chart draws the 20 with most hours.
  await page.goto(`${app.url}#/reports`);
  await page.getByLabel('From').fill('2026-01-01');
  const table = page.getByRole('region', { name: 'Hours in the period' });
  // Drawn a screenful first, the rest a frame at a time.
  await table.getByRole('row').nth(100).waitFor();
  const chart = page.getByRole('img', { name: 'Hours as bars: agreed, then spontaneous' });
  assert.equal(await chart.locator('rect.bar-agreed').count(), 20);
  assert.match(await page.locator('figcaption').textContent(), /The 20 with the most hours; all are in the table\./);
  await assertResponsive(page, 'a year of hours per person');

  // The compressed export of the five years: a fifth of the pretty JSON or less.
  // (Writing it is one long task, not held to the budget here: docs/performance.md.)
  await page.goto(`${app.url}#/settings`);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Export data' }).tap(),
  ]);
  const packed = join(scratchDir, 'demo-200x5.flok');
  await download.saveAs(packed);
  const [plainBytes, packedBytes] = [statSync(file).size, statSync(packed).size];
  console.log(`# export: ${plainBytes} bytes of pretty JSON, ${packedBytes} bytes as .flok (${((100 * packedBytes) / plainBytes).toFixed(1)} %)`);
  assert.ok(packedBytes * 5 <= plainBytes, `${packedBytes} is more than a fifth of ${plainBytes}`);
  await newLongTasks(page);

  // A second device's five years merged in, while the phone has all of the first.
  const second = join(scratchDir, 'demo-200x5-second.json');
  execFileSync(flok, ['demo', '--seed', '2', '--people', '200', '--years', '5', '-o', second]);
  await page.goto(`${app.url}#/settings`);
  await page.getByLabel('Import file').setInputFiles(second);
  await page.getByRole('button', { name: 'Merge into my data' }).tap({ timeout: 60_000 });
  await page.getByRole('status').filter({ hasText: /^Imported: \d+ new/ }).waitFor({ timeout: 60_000 });
  await waitForSaved(page);
  await assertResponsive(page, "merging a second device's five years");

  // Taking the second device's five years back out, here and in storage.
  await page.getByRole('button', { name: 'Undo import' }).tap();
  await page.getByRole('status').filter({ hasText: /^The import was undone/ }).waitFor();
  await waitForSaved(page);
  await assertResponsive(page, 'undoing that import');
  await page.reload();
  await page.goto(`${app.url}#/people`);
  await everyone(page).nth(199).waitFor({ timeout: 60_000 });
  assert.equal(await everyone(page).count(), 200, 'the first set, as it was');

  const cdp = await context.newCDPSession(page);
  // Every tap is painted soon, at full speed and with the CPU slowed 4×.
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const delays = await taps(page, rate);
    const each = (d) => (d.each ? ` of ${d.each.join(', ')}` : '');
    console.log(`# taps at CPU ${rate}×: ${Object.entries(delays).map(([tap, d]) => `${tap} ${d.inp} ms${each(d)} (longest task ${d.longest} ms)`).join('; ')}`);
    // Twice each goal (painted within 100 ms at 4×; no task over 50 ms at full speed, 100 ms at 4×).
    const [painted, task] = rate === 1 ? [2 * TAP_PAINTED_MS, LONGEST_TASK_MS] : [2 * TAP_PAINTED_MS, 2 * LONGEST_TASK_MS];
    for (const [tap, { inp, longest }] of Object.entries(delays)) {
      assert.ok(inp <= painted, `${tap} at CPU ${rate}×: painted after ${inp} ms`);
      assert.ok(longest <= task, `${tap} at CPU ${rate}×: a task of ${longest} ms`);
    }
  }

  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // No place is offered before the years are read: one taken months ago may
  // be next week's, and a person's functions come from their years of
  // check-ins too. Someone cancels a shift; Nya, who does no function yet,
  // is offered every open place.
  await page.goto(`${app.url}#/settings`);
  const whoUses = page.getByLabel('Who uses this device');
  const [names, me] = [await whoUses.locator('option').allTextContents(), await whoUses.inputValue()];
  await whoUses.selectOption({ label: names[6] });
  await page.goto(`${app.url}#/my-shifts`);
  await page.getByRole('button', { name: 'Cancel this shift' }).first().tap();
  await page.getByRole('button', { name: 'Confirm cancellation' }).tap();
  await page.goto(`${app.url}#/people`);
  await addPerson(page, 'Nya Nielsen');
  // Added to a list drawn in parts, she is in it, and no one else is added.
  await everyone(page).filter({ hasText: 'Nya Nielsen' }).waitFor();
  await everyone(page).nth(200).waitFor();
  assert.equal(await everyone(page).count(), 201);
  await page.goto(`${app.url}#/settings`);
  await whoUses.selectOption({ label: 'Nya Nielsen' });
  await waitForSaved(page);
  assert.equal(await shownBeforeTheYears(page, '#/open-slots', 'button', 'Take this slot'), false, 'Open slots offered a place before the years were read');
  // A conversation held years ago is not due again: the follow-ups due wait for the years.
  assert.equal(await shownBeforeTheYears(page, '#/follow-ups', 'ul[aria-label="Conversations due"] > li'), false, 'follow-ups were listed as due before the years were read');
  await whoUses.selectOption(me);

  // Today on a volunteer's phone that opens Flok every day, at full speed and with the CPU slowed 4×.
  await page.evaluate(() => localStorage.setItem('flok.coordinator', 'off'));
  await page.goto(`${app.url}#/today`);
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const start = await dailyStart(page);
    console.log(`# Today at CPU ${rate}× (${start.build}): drawn at ${start.render} ms; wasm in at ${start.wasm} ms, data read from ${start.started} ms for ${start.load} ms`);
    assert.equal(start.build, 'flok-volunteer');
    assert.ok(start.render <= 2 * TODAY_DRAWN_MS[rate], `Today at CPU ${rate}× was drawn at ${start.render} ms`);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await done();
});

/**
 * Goal 3: Today drawn within 150 ms of navigation at full speed and 600 ms
 * with the CPU slowed 4× (the medians of `dailyStart`; measured in
 * docs/performance.md). The test allows twice each, for a shared CI machine.
 */
const TODAY_DRAWN_MS = { 1: 150, 4: 600 };

/**
 * Interaction to Next Paint: the goal is every tap painted within 100 ms
 * with the CPU slowed 4× (measured in session 14: 24–176 ms; 16–80 ms at
 * full speed, docs/performance.md). The test allows twice that (200 ms) at
 * either speed, for a shared CI machine.
 */
const TAP_PAINTED_MS = 100;

/**
 * Opens `hash` in a new tab of `page`'s phone (same data, same person) and
 * tells whether an element matching `selector` (whose text is `text`, if
 * given) was put in the page before the years were read, watching every
 * change to the page from its start; it must be there once they are.
 */
async function shownBeforeTheYears(page, hash, selector, text) {
  const tab = await page.context().newPage();
  await tab.addInitScript(([selector, text]) => {
    window.__shown = null;
    new MutationObserver(() => {
      const shown = [...document.querySelectorAll(selector)].some((e) => !text || e.textContent.trim() === text);
      if (shown && window.__shown === null) {
        window.__shown = { early: performance.getEntriesByName('flok:load-history').length === 0 };
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, [selector, text]);
  await tab.goto(`${app.url}${hash}`);
  const seen = await tab.waitForFunction(() => window.__shown, null, { timeout: 60_000 });
  const { early } = await seen.jsonValue();
  await tab.close();
  return early;
}

/**
 * Taps as a volunteer and a coordinator do with five years on the phone,
 * each measured by the event-timing entries of its interaction (the page's
 * `PerformanceObserver`) and the longest task meanwhile. Opening and saving
 * a person, which draw a page of 200 rows, are each taken three times and
 * held by their median: on a shared machine one in several of them has
 * passed the limit by a frame (216 ms against 200 once, 112–184 in the runs
 * around it); all three are printed.
 */
async function taps(page, round) {
  const delays = {};
  const measure = async (name, tap, painted) => {
    // From a quiet page: what the step before left (a save, a list still
    // being drawn) is not this tap's.
    const since = await page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(() => resolve(performance.now()), { timeout: 5_000 })),
    );
    await tap();
    await painted();
    // Event timing is reported once the next frame is painted.
    await page.waitForTimeout(300);
    const [events, tasks] = await page.evaluate(
      (since) => [window.__events, window.__longTasks].map((list) => list.filter((e) => e.start >= since).map((e) => e.duration)),
      since,
    );
    delays[name] = { inp: Math.round(Math.max(0, ...events)), longest: Math.round(Math.max(0, ...tasks)) };
    return delays[name];
  };
  // The median of three (`ready(n)`, then `tap(n)` and `painted(n)` measured, for the n-th), each kept.
  const measureThrice = async (name, ready, tap, painted) => {
    const runs = [];
    for (let n = 0; n < 3; n++) {
      await ready(n);
      runs.push(await measure(name, () => tap(n), () => painted(n)));
    }
    const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[1];
    delays[name] = { inp: median('inp'), longest: median('longest'), each: runs.map((r) => r.inp) };
  };
  const people = (await page.goto(`${app.url}#/settings`), await page.getByLabel('Who uses this device').locator('option').allTextContents());
  const iAm = async (name) => {
    await page.goto(`${app.url}#/settings`);
    await page.getByLabel('Who uses this device').selectOption({ label: name });
  };
  // Someone with shifts coming cancels one; someone else takes the slot.
  await iAm(people[2 + 2 * round]);
  await page.goto(`${app.url}#/today`);
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  await measure('Check in', () => page.getByRole('button', { name: 'Check in' }).tap(), () => page.getByRole('button', { name: 'Check out' }).waitFor());
  await measure('Check out', () => page.getByRole('button', { name: 'Check out' }).tap(), () => page.getByRole('button', { name: 'Check in' }).waitFor());
  await page.goto(`${app.url}#/my-shifts`);
  const cancel = page.getByRole('button', { name: 'Cancel this shift' }).first();
  await measure('Cancel this shift', () => cancel.tap(), () => page.getByRole('button', { name: 'Confirm cancellation' }).waitFor());
  await page.getByRole('button', { name: 'Confirm cancellation' }).tap();
  await waitForSaved(page);
  // The first of the others whom Open slots offers a place.
  const take = page.getByRole('button', { name: 'Take this slot' }).first();
  for (const other of people.slice(3 + 2 * round)) {
    await iAm(other);
    await page.goto(`${app.url}#/open-slots`);
    await page.getByRole('heading', { level: 1, name: 'Open slots' }).waitFor();
    await yearsRead(page);
    if (await take.count()) break;
  }
  await measure('Take this slot', () => take.tap(), () => page.getByRole('status').filter({ hasText: /^You took/ }).waitFor());
  // A coordinator's long lists, drawn a screenful first and the rest after.
  const plan = async () => {
    await page.goto(`${app.url}#/plan`);
    await page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
  };
  await plan();
  await measure('opening People', () => page.getByRole('link', { name: 'People', exact: true }).tap(), () => everyone(page).nth(199).waitFor());
  const person = (n) => everyone(page).nth(100 + n).getByRole('button').first();
  const form = page.getByRole('form', { name: /^Details of/ });
  // Three people opened, each closed before the next; the last left open.
  await measureThrice(
    'opening a person',
    async (n) => {
      if (n === 0) return;
      await person(n - 1).tap();
      await form.waitFor({ state: 'detached' });
    },
    (n) => person(n).tap(),
    () => form.waitFor(),
  );
  await measureThrice(
    'saving a person',
    (n) => form.getByLabel('Phone').fill(`+45 11 22 33 ${round}${n}`),
    () => form.getByRole('button', { name: 'Save' }).tap(),
    () => form.getByRole('status').filter({ hasText: 'Details saved.' }).waitFor(),
  );
  await waitForSaved(page);
  await plan();
  const agreements = page.getByRole('list', { name: 'All agreements' }).getByRole('listitem');
  await measure('opening Agreements', () => page.getByRole('link', { name: 'Agreements', exact: true }).tap(), () => allDrawn(agreements));
  return delays;
}

/** Waits until a list drawn in parts has stopped growing. */
async function allDrawn(rows) {
  await rows.first().waitFor();
  for (let before = -1, now = await rows.count(); now !== before; before = now, now = await rows.count()) {
    await rows.page().waitForTimeout(300);
  }
}
