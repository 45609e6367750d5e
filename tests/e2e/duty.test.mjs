// A group's week, driven as its people would on their phones: a coordinator
// sets up a function and an agreement, the volunteer checks in and out,
// cancels a shift, their buddy hears of it and takes the open slot, and the
// coordinator sees it all on the roster. One phone, tests in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPerson, goTo, openPhone, screenshotDir, startApp, waitForHeading, waitForSaved } from './harness.mjs';

let app;
let phone;
before(async () => {
  app = await startApp();
  phone = await openPhone(app, '#/people');
});
after(async () => {
  await phone?.done();
  await app?.stop();
});

/** A date as the date fields take it, `days` from today. */
function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
/** "Monday 23 November 2026", as the app writes a long date in English. */
function longDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const weekday = d.toLocaleDateString('en-GB', { weekday: 'long' });
  const month = d.toLocaleDateString('en-GB', { month: 'long' });
  return `${weekday} ${d.getDate()} ${month} ${d.getFullYear()}`;
}
const todayWeekday = () => new Date().toLocaleDateString('en-GB', { weekday: 'long' });

const go = goTo;
const shoot = (page, name) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

test('a coordinator adds people, a function and an agreement; the editor previews five dates', async () => {
  const { page } = phone;
  await addPerson(page, 'Anna Jensen');
  await addPerson(page, 'Bent Hansen');
  await go(page, 'Functions');
  await page.getByRole('button', { name: 'Add function' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Café');
  await page.getByLabel('Staff contact').selectOption({ label: 'Bent Hansen' });
  await page.getByLabel('People needed per shift').fill('2');
  await page.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);

  await go(page, 'Agreements');
  await page.getByText(/^No agreements yet/).waitFor();
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const form = page.getByRole('form', { name: 'New agreement' });
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Choose a person.').waitFor();
  assert.equal(await form.getByLabel('Person').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Person').selectOption({ label: 'Anna Jensen' });
  await form.getByText('Choose a function.').waitFor();
  await form.getByLabel('Function').selectOption({ label: 'Café' });
  await form.getByText('Choose at least one weekday.').waitFor();
  await form.getByRole('checkbox', { name: todayWeekday() }).check();

  await form.getByLabel('Every how many weeks').fill('0');
  await form.getByText('Enter a number of weeks from 1 to 52.').waitFor();
  await form.getByLabel('Every how many weeks').fill('1');
  await form.getByLabel('Starts').fill('12:00');
  await form.getByLabel('Ends').fill('11:00');
  await form.getByText('The shift must end after it starts.').waitFor();
  await form.getByLabel('Starts').fill('00:00');
  await form.getByLabel('Ends').fill('23:59');
  await form.getByLabel('First day').fill('1850-01-01');
  await form.getByText('Dates must lie between 1900 and 2200.').waitFor();
  await form.getByLabel('First day').fill(isoDay(0));
  await form.getByLabel('Last day (optional)').fill(isoDay(-1));
  await form.getByText('The last day comes before the first day.').waitFor();
  await form.getByLabel('Last day (optional)').fill('');
  await form.getByLabel('Buddy').selectOption({ label: 'Bent Hansen' });

  const preview = form.getByRole('region', { name: 'The next five dates' }).getByRole('listitem');
  assert.deepEqual(await preview.allTextContents(), [0, 7, 14, 21, 28].map(longDay));
  await shoot(page, 'agreement-editor');
  await form.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: 'Added Anna Jensen.' }).waitFor();
  await waitForSaved(page);
  const listed = page.getByRole('list', { name: 'All agreements' }).getByRole('listitem');
  assert.match(await listed.first().textContent(), new RegExp(`Anna Jensen · Café.*Every week on ${todayWeekday()}, 00:00–23:59.*Buddy: Bent Hansen`));
  await shoot(page, 'agreements');
});

test('the volunteer checks in for their shift, is on duty, checks out; a second check-in is spontaneous', async () => {
  const { page } = phone;
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'Today');
  await page.getByText('Your shift today: Café, 00:00–23:59.').waitFor();
  await page.getByText(/^Contact: Bent Hansen$/).first().waitFor();
  await page.getByText(/^Buddy: Bent Hansen$/).first().waitFor();
  await page.getByRole('button', { name: 'Check in' }).tap();
  await page.getByRole('status').filter({ hasText: 'Checked in for Café, 00:00–23:59.' }).waitFor();
  await page.getByText(/^You are on duty since \d\d:\d\d\. The coffee is free!$/).waitFor();
  await waitForSaved(page);
  await shoot(page, 'today-on-duty');

  // A reload (or another tab) knows she is on duty: no second check-in.
  await page.reload();
  await page.getByRole('button', { name: 'Check out' }).tap();
  await page.getByRole('status').filter({ hasText: /^Checked out after \d+ min\. Thank you!$/ }).waitFor();
  await page.getByRole('button', { name: 'Check in' }).tap();
  await page.getByRole('status').filter({ hasText: 'Checked in. Thank you for helping!' }).waitFor();
  await page.getByRole('button', { name: 'Check out' }).tap();
  await waitForSaved(page);

  await go(page, 'My shifts');
  const hours = page.getByRole('region', { name: 'My hours' });
  await hours.getByText('This month').waitFor();
  assert.match(await hours.textContent(), /This month0 min agreed, 0 min spontaneous/);
});

test('two tabs: a check-in in one shows in the other, which then offers Check out', async () => {
  const { page, context } = phone;
  const other = await context.newPage();
  await other.goto(`${app.url}#/today`);
  await other.getByRole('button', { name: 'Check in' }).waitFor();
  await go(page, 'Today');
  await page.getByRole('button', { name: 'Check in' }).tap();
  await other.getByRole('button', { name: 'Check out' }).waitFor();
  await other.getByRole('button', { name: 'Check out' }).tap();
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  await other.close();
});

test('the volunteer cancels next week’s shift with a reason; the notice is recorded', async () => {
  const { page } = phone;
  await go(page, 'My shifts');
  const shifts = page.getByRole('region', { name: 'Your next shifts' }).getByRole('listitem');
  await shifts.nth(1).getByRole('button', { name: 'Cancel this shift' }).tap();
  const confirm = shifts.nth(1).getByRole('group', { name: /^Cancel Café on / });
  await confirm.getByLabel('Reason (optional)').fill('Doctor');
  await shoot(page, 'cancel-shift');
  await confirm.getByRole('button', { name: 'Confirm cancellation' }).tap();
  await page.getByRole('status').filter({ hasText: /^Cancelled\. The place is open for others/ }).waitFor();
  await shifts.nth(1).getByText(/^You cancelled 1\d\d hours before\.$/).waitFor();
  assert.equal(await shifts.nth(0).getByRole('button', { name: 'Cancel this shift' }).count(), 1, 'today’s shift untouched');
  await waitForSaved(page);
});

test('the buddy hears of it on Today and takes the open slot', async () => {
  const { page } = phone;
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Bent Hansen' });
  await go(page, 'Today');
  const news = page.getByRole('region', { name: 'News for you' });
  await news.getByText(/^Anna Jensen cannot come to Café on \w{3} \d+ \w{3}, 00:00–23:59 \(Doctor\)\.$/).waitFor();
  await shoot(page, 'today-news');

  await go(page, 'Open slots');
  const slots = page.getByRole('list', { name: 'Open slots' }).getByRole('listitem');
  // Anna's cancelled place next week, and the second place the café needs
  // each Monday that her agreement alone does not fill (four weeks ahead).
  await slots.first().waitFor();
  assert.equal(await slots.count(), 5);
  assert.match(await slots.first().textContent(), /Café.*1 open place/);
  await shoot(page, 'open-slots-list');
  await slots.first().getByRole('button', { name: 'Take this slot' }).tap();
  await page.getByRole('status').filter({ hasText: /^You took Café on .*Thank you!$/ }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Open slots"] > li').length === 4);
  await waitForSaved(page);

  await go(page, 'My shifts');
  const mine = page.getByRole('region', { name: 'Your next shifts' }).getByRole('listitem');
  assert.equal(await mine.count(), 1);
});

test('the roster shows who came, who cancelled and who is expected, day by day and week by week', async () => {
  const { page } = phone;
  await go(page, 'Roster');
  await page.getByRole('heading', { level: 2, name: longDay(0) }).waitFor();
  const slots = page.getByRole('list', { name: 'Shifts' }).getByRole('listitem').filter({ hasText: 'Café' });
  assert.match(await slots.first().textContent(), /00:00–23:59 · needs 2 · 1 open place/);
  assert.match(await slots.first().textContent(), /Anna Jensen Came \d\d:\d\d–\d\d:\d\d/);
  await shoot(page, 'roster-day');

  await page.getByRole('button', { name: 'Next day' }).tap();
  await page.getByRole('heading', { level: 2, name: longDay(1) }).waitFor();
  await page.getByRole('button', { name: 'Previous day' }).tap();
  await page.getByRole('button', { name: 'Week', exact: true }).tap();
  await page.getByRole('heading', { level: 2, name: /^Week \d+: / }).waitFor();
  await page.getByRole('button', { name: 'Next week' }).tap();
  const next = page.getByRole('list', { name: 'Shifts' }).getByRole('listitem').filter({ hasText: 'Café' });
  assert.match(await next.first().textContent(), /Bent Hansen Expected/);
  assert.match(await next.first().textContent(), /Anna Jensen Cancelled 1\d\d h before/);
  await shoot(page, 'roster-week');
});

test('competences: give a key; "holds a key and is on duty now" finds who is here', async () => {
  const { page } = phone;
  await go(page, 'Competences');
  const give = page.getByRole('form', { name: 'Give a competence' });
  for (const who of ['Anna Jensen', 'Bent Hansen']) {
    await give.getByLabel('Person').selectOption({ label: who });
    await give.getByLabel('Competence').selectOption({ label: 'Key holder' });
    await give.getByRole('button', { name: 'Give' }).tap();
    await give.getByRole('status').filter({ hasText: `${who} now holds “Key holder”.` }).waitFor();
  }
  await page.getByRole('button', { name: 'Add competence' }).tap();
  await page.getByRole('form', { name: 'Add competence' }).getByRole('button', { name: 'Save' }).tap();
  await page.getByText('Please enter a name for the competence.').waitFor();
  await page.getByRole('form', { name: 'Add competence' }).getByLabel('Competence').fill('First aid');
  await page.getByRole('form', { name: 'Add competence' }).getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);

  // Bent (this device's person) checks in; Anna is not here.
  await go(page, 'Today');
  await page.getByRole('button', { name: 'Check in' }).tap();
  await waitForSaved(page);
  await go(page, 'Competences');
  await page.getByLabel('Show who holds').selectOption({ label: 'Key holder' });
  const holders = page.getByRole('list', { name: 'Who holds which' }).getByRole('listitem').filter({ has: page.locator('.agreement-who') });
  assert.equal(await holders.count(), 2);
  await page.getByRole('checkbox', { name: 'On duty now' }).check();
  assert.deepEqual(await holders.locator('.agreement-who').allTextContents(), ['Bent Hansen']);
  await shoot(page, 'competences');
  await page.getByRole('checkbox', { name: 'On duty now' }).uncheck();
  await page.getByRole('button', { name: 'Remove “Key holder” from Anna Jensen' }).tap();
  assert.deepEqual(await holders.locator('.agreement-who').allTextContents(), ['Bent Hansen']);
  await go(page, 'Today');
  await page.getByRole('button', { name: 'Check out' }).tap();
  await waitForSaved(page);
});

test('follow-ups: an agreement started six weeks ago has an overdue trial conversation to record', async () => {
  const { page } = phone;
  await go(page, 'Follow-ups');
  await page.getByText('No conversations are due.').waitFor();
  await go(page, 'Agreements');
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const form = page.getByRole('form', { name: 'New agreement' });
  await form.getByLabel('Person').selectOption({ label: 'Bent Hansen' });
  await form.getByLabel('Function').selectOption({ label: 'Café' });
  await form.getByRole('radio', { name: 'Monthly' }).check();
  await form.getByLabel('Which one in the month').selectOption({ label: 'Last' });
  await form.getByLabel('Weekday').selectOption({ label: 'Friday' });
  await form.getByLabel('First day').fill(isoDay(-42));
  assert.equal(await form.getByRole('region', { name: 'The next five dates' }).getByRole('listitem').count(), 5);
  assert.match(await form.getByRole('region', { name: 'The next five dates' }).getByRole('listitem').first().textContent(), /^Friday /);
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);

  await go(page, 'Follow-ups');
  const due = page.getByRole('list', { name: 'Conversations due' }).getByRole('listitem');
  assert.equal(await due.count(), 1);
  assert.match(await due.first().textContent(), /Bent Hansen · Café.*Trial conversation.*Overdue since/);
  await shoot(page, 'follow-ups');
  await due.first().getByRole('button', { name: 'Record conversation' }).tap();
  const record = page.getByRole('form', { name: 'Trial conversation with Bent Hansen' });
  await record.getByLabel('Held on').fill('');
  await record.getByRole('button', { name: 'Save' }).tap();
  await record.getByText('Enter a date.').waitFor();
  await record.getByLabel('Held on').fill(isoDay(0));
  await record.getByLabel('Outcome').selectOption({ label: 'Continues as agreed' });
  await record.getByLabel(/^Note/).fill('Happy in the café.');
  await record.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: 'Saved the conversation with Bent Hansen.' }).waitFor();
  await page.getByText('No conversations are due.').waitFor();
  await waitForSaved(page);
});

test('kiosk: large buttons check people in and out; a tap does not leave, holding does', async () => {
  const { page } = phone;
  await go(page, 'Settings');
  await page.getByRole('button', { name: 'Open kiosk mode' }).tap();
  await waitForHeading(page, 'Kiosk');
  assert.equal(await page.getByRole('navigation').count(), 0, 'no navigation in the kiosk');
  const anna = page.getByRole('button', { name: /^Anna Jensen/ });
  assert.match(await anna.textContent(), /Check in$/);
  const box = await anna.boundingBox();
  assert.ok(box.height >= 80, `kiosk buttons are large (${box.height}px)`);
  await anna.tap();
  await page.getByRole('status').filter({ hasText: 'Welcome, Anna Jensen!' }).waitFor();
  assert.match(await anna.textContent(), /Check out$/);
  await shoot(page, 'kiosk');
  await anna.tap();
  await page.getByRole('status').filter({ hasText: 'Goodbye, Anna Jensen. Thank you!' }).waitFor();

  const someone = page.getByRole('form', { name: 'Someone else' });
  await someone.getByLabel('Someone else').selectOption({ label: 'Bent Hansen' });
  await someone.getByRole('button', { name: 'Check in' }).tap();
  await page.getByRole('status').filter({ hasText: 'Welcome, Bent Hansen!' }).waitFor();
  const bent = page.getByRole('button', { name: /^Bent Hansen/ });
  assert.match(await bent.textContent(), /Check out$/);
  await bent.tap();
  await page.getByRole('status').filter({ hasText: 'Goodbye, Bent Hansen. Thank you!' }).waitFor();

  const leave = page.getByRole('button', { name: 'Hold to leave kiosk' });
  await leave.tap();
  await page.waitForTimeout(2_500);
  await waitForHeading(page, 'Kiosk');
  await leave.dispatchEvent('pointerdown');
  await page.waitForTimeout(2_300);
  await waitForHeading(page, 'Settings');
});

test('open slots show the functions I do; the switch shows all of them', async () => {
  const { page } = phone;
  await go(page, 'Functions');
  await page.getByRole('button', { name: 'Add function' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Kitchen');
  await page.getByRole('button', { name: 'Save' }).tap();
  await go(page, 'Agreements');
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const form = page.getByRole('form', { name: 'New agreement' });
  await form.getByLabel('Person').selectOption({ label: 'Anna Jensen' });
  await form.getByLabel('Function').selectOption({ label: 'Kitchen' });
  await form.getByRole('checkbox', { name: todayWeekday() }).check();
  await form.getByLabel('Starts').fill('00:00');
  await form.getByLabel('Ends').fill('23:59');
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);

  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'My shifts');
  const kitchen = page.getByRole('region', { name: 'Your next shifts' }).getByRole('listitem').filter({ hasText: 'Kitchen' });
  await kitchen.nth(1).getByRole('button', { name: 'Cancel this shift' }).tap();
  await kitchen.nth(1).getByRole('button', { name: 'Confirm cancellation' }).tap();
  await waitForSaved(page);

  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Bent Hansen' });
  await go(page, 'Open slots');
  const slots = page.getByRole('list', { name: 'Open slots' }).getByRole('listitem');
  await slots.first().waitFor();
  assert.equal(await slots.filter({ hasText: 'Kitchen' }).count(), 0, 'only the café, which Bent does');
  await page.getByRole('checkbox', { name: 'Show all functions, not only mine' }).check();
  await slots.filter({ hasText: 'Kitchen' }).first().waitFor();
  assert.equal(await slots.filter({ hasText: 'Kitchen' }).count(), 1);
});

test('a volunteer steps back for two weeks: those shifts stop, then come back', async () => {
  const { page } = phone;
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'My shifts');
  const shifts = page.getByRole('region', { name: 'Your next shifts' }).getByRole('listitem');
  const before = await shifts.count();
  const step = page.getByRole('region', { name: 'Step back for a while' });
  assert.equal(await step.getByRole('button', { name: 'Mark as left' }).count(), 0, 'leaving is for coordinators');
  await step.getByLabel('Pause from').fill(isoDay(1));
  await step.getByLabel('Return date (optional)').fill(isoDay(1));
  await step.getByRole('button', { name: 'Pause' }).tap();
  await step.getByText('The return date must come after the pause starts.').waitFor();
  await step.getByLabel('Return date (optional)').fill(isoDay(15));
  await step.getByRole('button', { name: 'Pause' }).tap();
  await waitForSaved(page);
  // Two weeks of Café and Kitchen shifts stop (one Kitchen shift was already cancelled).
  await page.waitForFunction((n) => document.querySelectorAll('.shifts > li').length < n, before);
  assert.ok((await shifts.count()) <= before - 3, `from ${before} to ${await shifts.count()}`);
  await shoot(page, 'my-shifts-paused');
  await step.getByRole('button', { name: 'Active again' }).tap();
  await page.waitForFunction((n) => document.querySelectorAll('.shifts > li').length === n, before);
});

test('a check-out dated before the check-in (a clock put back) is refused in words, and nothing is lost', async () => {
  const { page, context, done } = await openPhone(app, '#/today');
  await context.clock.install({ time: new Date() });
  await page.reload();
  await page.getByRole('button', { name: 'Start a new group' }).tap();
  const start = page.getByRole('form', { name: 'Getting started' });
  await start.getByLabel('Your name').fill('Carl Berg');
  await start.getByRole('button', { name: 'Start' }).tap();
  await page.getByRole('button', { name: 'Check in' }).tap();
  await page.getByText(/^You are on duty since/).waitFor();
  await waitForSaved(page);
  await page.clock.setSystemTime(new Date(Date.now() - 3 * 3600_000));
  await page.getByRole('button', { name: 'Check out' }).tap();
  await page.getByRole('status').filter({ hasText: 'The check-out time is before the check-in time: check the device\'s clock.' }).waitFor();
  await page.getByText(/^You are on duty since/).waitFor();
  await done();
});

test('my shifts go into the phone calendar with reminders; cancelled ones stay out', async () => {
  const { page } = phone;
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'My shifts');
  const calendar = async () => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Add to my calendar' }).tap(),
    ]);
    assert.equal(file.suggestedFilename(), 'flok-shifts.ics');
    return readFileSync(await file.path(), 'utf8');
  };
  const ics = await calendar();
  assert.match(ics, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  assert.match(ics, /END:VCALENDAR\r\n$/);
  const events = ics.split('BEGIN:VEVENT').length - 1;
  assert.ok(events >= 20, `${events} events: Café and Kitchen every week for three months`);
  assert.equal(ics.split('TRIGGER:-PT120M').length - 1, events, 'each with a reminder two hours before');
  const nextWeek = isoDay(7).replaceAll('-', '');
  assert.ok(!ics.includes(`DTSTART:${nextWeek}`), 'both cancelled shifts of next week are left out');
  assert.ok(ics.includes(`DTSTART:${isoDay(14).replaceAll('-', '')}T000000`));

  await go(page, 'Settings');
  const alarm = page.getByLabel('Calendar reminder (minutes before a shift)');
  await alarm.fill('20000');
  await alarm.blur();
  await page.getByText('Enter minutes from 0 to 10080 (a week).').waitFor();
  await alarm.fill('30');
  await alarm.blur();
  await waitForSaved(page);
  await go(page, 'My shifts');
  assert.match(await calendar(), /TRIGGER:-PT30M/);
});

// A group's second week: what changes, and what the coordinator does for
// people without the app.

test('an agreement changed mid-trial keeps its shifts before the date and starts no new trial', async () => {
  const { page } = phone;
  await go(page, 'Agreements');
  const anna = page.getByRole('list', { name: 'All agreements' }).getByRole('listitem').filter({ hasText: 'Anna Jensen · Café' });
  await anna.getByRole('button', { name: 'Change the agreement of Anna Jensen' }).tap();
  const form = page.getByRole('form', { name: 'Change the agreement of Anna Jensen' });
  await form.getByLabel('Changes apply from').fill(isoDay(-1));
  await form.getByLabel('Starts').fill('10:00');
  await form.getByLabel('Ends').fill('13:00');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('The agreement had not started on that date.').waitFor();
  assert.equal(await form.getByLabel('Changes apply from').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Changes apply from').fill(isoDay(14));
  await shoot(page, 'agreement-change');
  await form.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: 'Agreement changed. The shifts before the date stay as they were.' }).waitFor();
  await waitForSaved(page);
  const lines = page.getByRole('list', { name: 'All agreements' }).getByRole('listitem').filter({ hasText: 'Anna Jensen · Café' });
  assert.equal(await lines.count(), 2, 'the agreement until the change, and from it');
  assert.match(await lines.nth(0).textContent(), /00:00–23:59, from .* to /);
  assert.match(await lines.nth(1).textContent(), /10:00–13:00, from /);

  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'My shifts');
  const cafe = page.getByRole('region', { name: 'Your next shifts' }).getByRole('listitem').filter({ hasText: 'Café' });
  assert.match(await cafe.nth(1).textContent(), /00:00–23:59/, 'next week as before');
  assert.match(await cafe.nth(2).textContent(), /10:00–13:00/, 'from the change on');
  await go(page, 'Follow-ups');
  assert.equal(await page.getByRole('list', { name: 'Conversations due' }).count(), 0, 'no trial for a change');
});

test('an event: its places in Open slots, full, a waiting list, and the freed place offered first in line', async () => {
  const { page } = phone;
  await go(page, 'Events');
  await page.getByRole('button', { name: 'Add event' }).tap();
  const form = page.getByRole('form', { name: 'New event' });
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Give the event a title.').waitFor();
  await form.getByLabel('Title').fill('Christmas party');
  await form.getByLabel('Places').fill('0');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Enter a number of places from 1 to 500.').waitFor();
  await form.getByLabel('Places').fill('501');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Enter a number of places from 1 to 500.').waitFor();
  await form.getByLabel('Places').fill('1');
  await form.getByLabel('Date').fill('2201-01-01');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Dates must lie between 1900 and 2200.').waitFor();
  await form.getByLabel('Date').fill(isoDay(3));
  await form.getByLabel('Starts').fill('18:00');
  await form.getByLabel('Ends').fill('17:00');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('The shift must end after it starts.').waitFor();
  await form.getByLabel('Ends').fill('22:00');
  await form.getByLabel('Description (optional)').fill('Bring a dish to share.');
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
  const listed = page.getByRole('list', { name: 'Coming events' }).getByRole('listitem');
  assert.match(await listed.first().textContent(), /Christmas party.*18:00–22:00.*No function \(a joint meeting\) · 0 of 1 places taken.*Bring a dish/);
  await shoot(page, 'events');

  // Anna (this device's person) takes the one place.
  await go(page, 'Open slots');
  const party = page.getByRole('list', { name: 'Open slots' }).getByRole('listitem').filter({ hasText: 'Christmas party' });
  assert.match(await party.textContent(), /Bring a dish to share\./);
  await party.getByRole('button', { name: 'Take this slot' }).tap();
  await waitForSaved(page);

  // Bent finds it full and joins the waiting list.
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Bent Hansen' });
  await go(page, 'Open slots');
  const full = page.getByRole('list', { name: 'Full events' }).getByRole('listitem').filter({ hasText: 'Christmas party' });
  await full.getByRole('button', { name: 'Put me on the waiting list' }).tap();
  await page.getByRole('status').filter({ hasText: /^You are on the waiting list for Christmas party\./ }).waitFor();
  await full.getByText('You are number 1 on the waiting list.').waitFor();
  await shoot(page, 'waiting-list');
  await waitForSaved(page);

  // Anna cancels; Today offers the place to Bent, who takes it.
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'My shifts');
  const mine = page.getByRole('region', { name: 'Your next shifts' }).getByRole('listitem').filter({ hasText: 'Christmas party' });
  await mine.getByRole('button', { name: 'Cancel this shift' }).tap();
  await mine.getByRole('button', { name: 'Confirm cancellation' }).tap();
  await waitForSaved(page);
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Bent Hansen' });
  await go(page, 'Today');
  const offer = page.getByRole('region', { name: 'A place for you' });
  await offer.getByText('Christmas party').waitFor();
  await shoot(page, 'today-offer');
  await offer.getByRole('button', { name: 'Take this slot' }).tap();
  await page.getByRole('status').filter({ hasText: /^You took Christmas party on / }).waitFor();
  await waitForSaved(page);
  assert.equal(await page.getByRole('region', { name: 'A place for you' }).count(), 0);
  await go(page, 'Events');
  assert.match(await listed.first().textContent(), /1 of 1 places taken/);
  assert.doesNotMatch(await listed.first().textContent(), /waiting list/);
});

test('a phoned-in cancellation, a place given, a check-in and out at a time, each recorded by the coordinator', async () => {
  const { page } = phone;
  // Carl uses this phone as coordinator; Anna phones in sick for the shift in two weeks.
  await go(page, 'People');
  await addPerson(page, 'Carl Berg');
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Carl Berg' });
  await go(page, 'Roster');
  for (let i = 0; i < 14; i++) await page.getByRole('button', { name: 'Next day' }).tap();
  await page.getByRole('heading', { level: 2, name: longDay(14) }).waitFor();
  const shifts = page.getByRole('list', { name: 'Shifts' }).getByRole('listitem');
  const slot = shifts.filter({ hasText: /^Café/ }).filter({ hasText: 'Anna Jensen' }).first();
  await slot.getByRole('button', { name: 'Record cancellation for Anna Jensen' }).tap();
  const phoned = page.getByRole('form', { name: 'Record cancellation for Anna Jensen' });
  await phoned.getByLabel('Notice given at').fill(`${isoDay(1)}T09:00`);
  await phoned.getByRole('button', { name: 'Save' }).tap();
  await phoned.getByText('That time is in the future.').waitFor();
  await phoned.getByLabel('Notice given at').fill(`${isoDay(0)}T00:00`);
  await phoned.getByLabel('Reason (optional)').fill('Ill, phoned');
  await shoot(page, 'roster-record-cancellation');
  await phoned.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
  assert.match(await slot.textContent(), /Anna Jensen Cancelled 3\d\d h before \(recorded by Carl Berg\)/);

  // Taken back (she is better), recorded again (she is not), the place given to Bent.
  await slot.getByRole('button', { name: 'Take back the cancellation of Anna Jensen' }).tap();
  await slot.getByRole('button', { name: 'Record cancellation for Anna Jensen' }).tap();
  await page.getByRole('form', { name: 'Record cancellation for Anna Jensen' }).getByRole('button', { name: 'Save' }).tap();
  await slot.getByRole('button', { name: /^Put someone in: Café/ }).tap();
  const put = page.getByRole('form', { name: /^Put someone in: Café/ });
  await put.getByLabel('Person').selectOption({ label: 'Bent Hansen' });
  await put.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: /^Bent Hansen is on Café/ }).waitFor();
  await waitForSaved(page);
  assert.match(await slot.textContent(), /Bent Hansen Expected/);

  // Today Bent helps without the app: put into the café's second place, checked in and out at times.
  for (let i = 0; i < 14; i++) await page.getByRole('button', { name: 'Previous day' }).tap();
  await page.getByRole('heading', { level: 2, name: longDay(0) }).waitFor();
  const today = page.getByRole('list', { name: 'Shifts' }).getByRole('listitem').filter({ hasText: 'Café' }).first();
  await today.getByRole('button', { name: /^Put someone in: Café/ }).tap();
  await page.getByRole('form', { name: /^Put someone in: Café/ }).getByLabel('Person').selectOption({ label: 'Bent Hansen' });
  await page.getByRole('form', { name: /^Put someone in: Café/ }).getByRole('button', { name: 'Save' }).tap();
  await today.getByRole('button', { name: 'Check in Bent Hansen' }).tap();
  const at = page.getByRole('form', { name: 'Check in Bent Hansen' });
  await at.getByLabel('Checked in at').fill('00:01');
  await at.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: 'Checked in at 00:01' }).waitFor();
  await today.getByRole('button', { name: 'Check out Bent Hansen' }).tap();
  const out = page.getByRole('form', { name: 'Correct times for Bent Hansen' });
  await out.getByLabel('Checked out at').fill('00:00');
  await out.getByRole('button', { name: 'Save' }).tap();
  await out.getByText('The check-out time is before the check-in time.').waitFor();
  await out.getByLabel('Checked out at').fill('00:02');
  await out.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: 'Came 00:01–00:02' }).waitFor();
  assert.match(await today.textContent(), /Bent Hansen Came 00:01–00:02 \(recorded by Carl Berg\)/);
  await shoot(page, 'roster-acting');
  await waitForSaved(page);
});

test('a forgotten check-out closes by itself at the shift’s end and the coordinator corrects it', async () => {
  // Monday 23 November 2026, 09:00 on this phone's clock.
  const { page, done } = await openPhone(app, '#/today', { timezoneId: 'UTC', clock: new Date('2026-11-23T09:00:00Z') });
  await page.getByRole('button', { name: 'Start a new group' }).tap();
  const start = page.getByRole('form', { name: 'Getting started' });
  await start.getByLabel('Your name').fill('Dora Lund');
  await start.getByRole('button', { name: 'Start' }).tap();
  await go(page, 'Functions');
  await page.getByRole('button', { name: 'Add function' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Garden');
  await page.getByRole('button', { name: 'Save' }).tap();
  await go(page, 'Agreements');
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const form = page.getByRole('form', { name: 'New agreement' });
  await form.getByLabel('Person').selectOption({ label: 'Dora Lund' });
  await form.getByLabel('Function').selectOption({ label: 'Garden' });
  await form.getByRole('checkbox', { name: 'Monday' }).check();
  await form.getByLabel('Starts').fill('09:00');
  await form.getByLabel('Ends').fill('12:00');
  await form.getByRole('button', { name: 'Save' }).tap();
  await go(page, 'Today');
  await page.getByRole('button', { name: 'Check in' }).tap();
  await page.getByText(/^You are on duty since 09:00/).waitFor();
  await waitForSaved(page);

  // Staying on to tidy up is fine; the next morning the stay has closed by itself.
  await page.clock.setSystemTime(new Date('2026-11-23T13:30:00Z'));
  await page.reload();
  await page.getByRole('button', { name: 'Check out' }).waitFor();
  await page.clock.setSystemTime(new Date('2026-11-24T08:00:00Z'));
  await page.reload();
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  await go(page, 'Roster');
  const forgotten = page.getByRole('list', { name: 'Forgotten check-outs' }).getByRole('listitem');
  assert.match(await forgotten.first().textContent(), /Dora Lund: in Mon 23 Nov 09:00, never out; counted to 12:00\./);
  await page.getByRole('button', { name: 'Previous day' }).tap();
  const slot = page.getByRole('list', { name: 'Shifts' }).getByRole('listitem').filter({ hasText: 'Garden' });
  assert.match(await slot.textContent(), /Dora Lund In at 09:00, never checked out \(counted to 12:00\)/);
  await shoot(page, 'roster-forgotten');
  await forgotten.first().getByRole('button', { name: 'Correct times for Dora Lund' }).tap();
  const fix = page.getByRole('form', { name: 'Correct times for Dora Lund' });
  await fix.getByLabel('Checked out at').fill('11:30');
  await fix.getByRole('button', { name: 'Save' }).tap();
  await page.getByRole('status').filter({ hasText: 'Came 09:00–11:30' }).waitFor();
  await page.getByRole('list', { name: 'Forgotten check-outs' }).waitFor({ state: 'detached' });
  assert.match(await slot.textContent(), /Dora Lund Came 09:00–11:30/);
  await done();
});
