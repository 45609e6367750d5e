// A group's second week, on one coordinator's phone with its clock on
// Monday 23 November 2026: a person's page with one-tap contact, hours
// added by hand, a closed day, attendance, functions edited and retired,
// a conversation that ends an agreement, a deleted agreement, and the
// roster printed for the notice board. Tests in order, one phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  addPerson,
  assertNoSidewaysScroll,
  goTo as go,
  openPhone,
  printed,
  screenshotDir,
  seriousAccessibilityViolations,
  startApp,
  waitForHeading,
  waitForSaved,
} from './harness.mjs';

let app;
let phone;
before(async () => {
  app = await startApp();
  phone = await openPhone(app, '#/today', { timezoneId: 'UTC', clock: new Date('2026-11-23T09:00:00Z') });
});
after(async () => {
  await phone?.done();
  await app?.stop();
});

const shoot = (page, name) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/** Opens a person's details on People and saves phone and e-mail. */
async function contactDetails(page, name, phoneNumber, email) {
  await go(page, 'People');
  await page.getByRole('list', { name: 'Everyone in the group' }).getByRole('button', { name }).tap();
  const details = page.getByRole('form', { name: `Details of ${name}` });
  await details.getByLabel('Phone').fill(phoneNumber);
  if (email) await details.getByLabel('E-mail').fill(email);
  await details.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
}

test('setting up: people with contact details, a described function, an agreement, a key', async () => {
  const { page } = phone;
  await page.getByRole('button', { name: 'Start a new group' }).tap();
  const start = page.getByRole('form', { name: 'Getting started' });
  await start.getByLabel("Your group's name").fill('Café Ærtebjerg');
  await start.getByLabel('Your name').fill('Carl Berg');
  await start.getByRole('button', { name: 'Start' }).tap();
  await go(page, 'People');
  await addPerson(page, 'Anna Jensen');
  await addPerson(page, 'Bent Hansen');
  await contactDetails(page, 'Anna Jensen', '+45 12 34 56 78', 'anna@example.org');
  await contactDetails(page, 'Carl Berg', '20 30 40 50', 'carl@example.org');

  await go(page, 'Functions');
  await page.getByRole('button', { name: 'Add function' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Café');
  await page.getByLabel('Staff contact').selectOption({ label: 'Carl Berg' });
  await page.getByLabel('People needed per shift').fill('2');
  await page.getByLabel('Description (optional)').fill('Coffee and cake for the guests.');
  await page.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
  for (const [who, first] of [['Anna Jensen', '2026-11-23'], ['Bent Hansen', '2026-10-05']]) {
    await go(page, 'Agreements');
    await page.getByRole('button', { name: 'Add agreement' }).tap();
    const form = page.getByRole('form', { name: 'New agreement' });
    await form.getByLabel('Person').selectOption({ label: who });
    await form.getByLabel('Function').selectOption({ label: 'Café' });
    await form.getByRole('checkbox', { name: 'Monday' }).check();
    await form.getByLabel('First day').fill(first);
    await form.getByRole('button', { name: 'Save' }).tap();
    await waitForSaved(page);
  }
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Carl Berg' });
  await go(page, 'Competences');
  const give = page.getByRole('form', { name: 'Give a competence' });
  await give.getByLabel('Person').selectOption({ label: 'Anna Jensen' });
  await give.getByLabel('Competence').selectOption({ label: 'Key holder' });
  await give.getByRole('button', { name: 'Give' }).tap();
  await waitForSaved(page);
});

test('a person’s page: one-tap contact, agreements, competences with who gave them, pause', async () => {
  const { page } = phone;
  await go(page, 'People');
  await page.getByRole('list', { name: 'Everyone in the group' }).getByRole('button', { name: 'Anna Jensen' }).tap();
  await page.getByRole('link', { name: 'Page of Anna Jensen' }).tap();
  await waitForHeading(page, 'Anna Jensen');
  assert.equal(await page.title(), 'Anna Jensen · Flok');
  assert.equal(await page.getByRole('link', { name: 'Call Anna Jensen' }).getAttribute('href'), 'tel:+4512345678');
  assert.equal(await page.getByRole('link', { name: 'Text Anna Jensen' }).getAttribute('href'), 'sms:+4512345678');
  assert.equal(await page.getByRole('link', { name: 'E-mail Anna Jensen' }).getAttribute('href'), 'mailto:anna@example.org');
  const agreements = page.getByRole('list', { name: 'Agreements' }).getByRole('listitem');
  assert.match(await agreements.first().textContent(), /Anna Jensen · Café.*Every week on Monday, 10:00–13:00, from Mon 23 Nov/);
  await page.getByText('Key holder, given by Carl Berg on Mon 23 Nov').waitFor();
  await page.getByRole('region', { name: 'Pause' }).getByRole('button', { name: 'Pause' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).getAttribute('aria-current'), 'true');
  await assertNoSidewaysScroll(page);
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  await shoot(page, 'person-page');
});

test('hours given without the app are added by hand, refused past a day or in the future', async () => {
  const { page } = phone;
  const byHand = page.getByRole('region', { name: 'Hours given without the app' });
  await byHand.getByRole('button', { name: 'Add hours' }).tap();
  const form = page.getByRole('form', { name: 'Add hours' });
  await form.getByLabel('Date').fill('2026-11-24');
  await form.getByLabel('Hours').fill('2');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Hours cannot be given in the future.').waitFor();
  assert.equal(await form.getByLabel('Date').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Date').fill('2026-11-03');
  await form.getByLabel('Hours').fill('25');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('A day has no more than 24 hours.').waitFor();
  await form.getByLabel('Hours').fill('two');
  await form.getByRole('button', { name: 'Save' }).tap();
  await form.getByText('Enter hours as a number, like 2 or 1.5.').waitFor();
  await form.getByLabel('Hours').fill('2,5');
  await form.getByLabel('Function').selectOption({ label: 'Café' });
  await form.getByRole('button', { name: 'Save' }).tap();
  await byHand.getByRole('status').filter({ hasText: 'Added 2 h 30 min on Tue 3 Nov.' }).waitFor();
  await waitForSaved(page);
  await page.getByRole('region', { name: 'Hours this year' }).getByText('2 h 30 min agreed, 0 min spontaneous').waitFor();
  const entries = byHand.getByRole('list', { name: 'Hours given without the app' }).getByRole('listitem');
  assert.match(await entries.first().textContent(), /^2 h 30 min on Tue 3 Nov, Café \(recorded by Carl Berg\)/);
  // A mistaken entry is taken out again.
  await byHand.getByRole('button', { name: 'Add hours' }).tap();
  await form.getByLabel('Date').fill('2026-11-02');
  await form.getByLabel('Hours').fill('1');
  await form.getByLabel('Function').selectOption({ label: 'No function (spontaneous help)' });
  await form.getByRole('button', { name: 'Save' }).tap();
  await byHand.getByRole('status').filter({ hasText: 'Added 1 h on Mon 2 Nov.' }).waitFor();
  assert.equal(await entries.count(), 2);
  await byHand.getByRole('button', { name: 'Remove 1 h on Mon 2 Nov, spontaneous' }).tap();
  await page.waitForFunction(() => document.querySelectorAll('ul.by-hand > li').length === 1);
  await waitForSaved(page);
  await shoot(page, 'person-hours-by-hand');
  await go(page, 'Reports');
  assert.match(await page.getByRole('table', { name: 'Hours in the period' }).textContent(), /Anna Jensen2 h 30 min/);
});

test('a shift shows its description and reaches the staff contact in one tap', async () => {
  const { page } = phone;
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'Today');
  const next = page.getByRole('region', { name: 'Your next shifts' });
  await next.getByText('Coffee and cake for the guests.').first().waitFor();
  assert.equal(await next.getByRole('link', { name: 'Call Carl Berg' }).first().getAttribute('href'), 'tel:20304050');
  assert.equal(await next.getByRole('link', { name: 'E-mail Carl Berg' }).first().getAttribute('href'), 'mailto:carl@example.org');
  await shoot(page, 'today-contact');
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Carl Berg' });
});

test('putting someone in at the time of another of their shifts is allowed, with a warning naming it', async () => {
  const { page } = phone;
  await go(page, 'Events');
  await page.getByRole('button', { name: 'Add event' }).tap();
  const form = page.getByRole('form', { name: 'New event' });
  await form.getByLabel('Title').fill('Joint meeting');
  await form.getByLabel('Date').fill('2026-11-23');
  await form.getByLabel('Starts').fill('12:00');
  await form.getByLabel('Ends').fill('14:00');
  await form.getByLabel('Places').fill('5');
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
  await go(page, 'Roster');
  const meeting = page.getByRole('list', { name: 'Shifts' }).getByRole('listitem').filter({ hasText: /^Joint meeting/ });
  assert.match(await meeting.textContent(), /^Joint meeting12:00–14:00 · 5 open places/);
  await meeting.getByRole('button', { name: 'Put someone in: Joint meeting 12:00–14:00' }).tap();
  const put = page.getByRole('form', { name: 'Put someone in: Joint meeting 12:00–14:00' });
  await put.getByLabel('Person').selectOption({ label: 'Bent Hansen' });
  await put.getByRole('button', { name: 'Save' }).tap();
  await page
    .getByRole('status')
    .filter({ hasText: 'Bent Hansen is on Joint meeting 12:00–14:00. Note: Bent Hansen is also on Café at that time.' })
    .waitFor();
  assert.match(await meeting.textContent(), /Bent Hansen Expected \(recorded by Carl Berg\)/);
  await shoot(page, 'roster-clash');
  await waitForSaved(page);
});

test('a closed day cancels every shift with one reason and counts as nobody’s cancellation', async () => {
  const { page } = phone;
  await go(page, 'Roster');
  for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Next day' }).tap();
  await page.getByRole('heading', { level: 2, name: 'Monday 30 November 2026' }).waitFor();
  await page.getByRole('button', { name: 'Close this day' }).tap();
  const close = page.getByRole('form', { name: 'Close this day' });
  await close.getByRole('button', { name: 'Save' }).tap();
  await close.getByText('Give a reason, such as a holiday.').waitFor();
  await close.getByLabel('Why it is closed').fill('Staff training');
  await close.getByRole('button', { name: 'Save' }).tap();
  await page.getByText(/^Closed this day: Staff training\./).waitFor();
  const slot = page.getByRole('list', { name: 'Shifts' }).getByRole('listitem').first();
  assert.match(await slot.textContent(), /Closed: Staff training/);
  assert.equal(await slot.getByRole('button', { name: /^Put someone in:/ }).count(), 0, 'no open places on a closed day');
  await shoot(page, 'roster-closed-day');
  await waitForSaved(page);

  // Anna sees it closed, with nothing to cancel.
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Anna Jensen' });
  await go(page, 'My shifts');
  const closed = page.getByRole('region', { name: 'Your next shifts' }).getByRole('listitem').filter({ hasText: 'Mon 30 Nov' });
  await closed.getByText('Closed: Staff training').waitFor();
  assert.equal(await closed.getByRole('button', { name: 'Cancel this shift' }).count(), 0);
  await go(page, 'Settings');
  await page.getByLabel('Who uses this device').selectOption({ label: 'Carl Berg' });

  await go(page, 'Reports');
  await page.getByLabel('From').fill('2026-11-01');
  await page.getByLabel('To').fill('2026-11-30');
  const attendance = page.getByRole('table', { name: 'Attendance' });
  // Bent: due 2, 9, 16 (missing, the clock says) and twice on 23 Nov (the café
  // and the meeting, to come); the 30th is closed.
  assert.match(await attendance.getByRole('row', { name: /Bent Hansen/ }).textContent(), /Bent Hansen\s*5\s*0\s*0\s*3/);
  await page.getByText(/Not a score; nothing is blocked/).waitFor();
  await shoot(page, 'reports-attendance');

  await go(page, 'Roster');
  for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Next day' }).tap();
  await page.getByRole('button', { name: 'Open this day again' }).tap();
  await page.getByRole('button', { name: 'Close this day' }).waitFor();
  await waitForSaved(page);
});

test('a function is described, edited and retired: kept in history, gone from pickers', async () => {
  const { page } = phone;
  await go(page, 'Functions');
  await page.getByRole('button', { name: 'Add function' }).tap();
  await page.getByLabel('Name', { exact: true }).fill('Kitchen');
  await page.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);
  const kitchen = page.getByRole('list', { name: 'All functions' }).getByRole('listitem').filter({ hasText: 'Kitchen' });
  await kitchen.getByRole('button', { name: 'Retire Kitchen' }).tap();
  await kitchen.getByText(/retired/).waitFor();
  await waitForSaved(page);
  await go(page, 'Agreements');
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const options = await page.getByRole('form', { name: 'New agreement' }).getByLabel('Function').locator('option').allTextContents();
  assert.deepEqual(options, ['Choose…', 'Café'], 'a retired function is not offered');
  await page.getByRole('form', { name: 'New agreement' }).getByRole('button', { name: 'Cancel' }).tap();
  await go(page, 'Functions');
  await kitchen.getByRole('button', { name: 'Bring back Kitchen' }).tap();
  await kitchen.getByRole('button', { name: 'Retire Kitchen' }).waitFor();
  await shoot(page, 'functions-retire');
});

test('a trial conversation that ends in “stops” leads to ending the agreement; one is deleted', async () => {
  const { page } = phone;
  await go(page, 'Follow-ups');
  const due = page.getByRole('list', { name: 'Conversations due' }).getByRole('listitem').filter({ hasText: 'Bent Hansen' });
  await due.first().getByRole('button', { name: 'Record conversation' }).tap();
  const record = page.getByRole('form', { name: 'Trial conversation with Bent Hansen' });
  await record.getByLabel('Outcome').selectOption({ label: 'Stops' });
  await record.getByRole('button', { name: 'Save' }).tap();
  const next = page.getByRole('region', { name: /^The conversation with Bent Hansen ended the agreement/ });
  const end = next.getByRole('form', { name: 'End the agreement of Bent Hansen' });
  await end.getByLabel('Last day').fill('2026-09-01');
  await end.getByRole('button', { name: 'Save' }).tap();
  await end.getByText('The agreement had not started on that date.').waitFor();
  await end.getByLabel('Last day').fill('2026-11-30');
  await shoot(page, 'follow-up-stop');
  await end.getByRole('button', { name: 'Save' }).tap();
  await next.waitFor({ state: 'detached' });
  await waitForSaved(page);

  await go(page, 'Agreements');
  const bent = page.getByRole('list', { name: 'All agreements' }).getByRole('listitem').filter({ hasText: 'Bent Hansen' });
  assert.match(await bent.textContent(), /from Mon 5 Oct to Mon 30 Nov/);
  await go(page, 'People');
  await page.getByRole('list', { name: 'Everyone in the group' }).getByRole('button', { name: 'Bent Hansen' }).tap();
  await page.getByRole('link', { name: 'Page of Bent Hansen' }).tap();
  await page.getByRole('region', { name: 'Conversations held' }).getByText('Trial conversation, Mon 23 Nov: Stops').waitFor();

  await go(page, 'Agreements');
  await bent.getByRole('button', { name: 'Delete the agreement of Bent Hansen' }).tap();
  const confirm = bent.getByRole('group', { name: 'Delete the agreement of Bent Hansen' });
  await confirm.getByText(/The hours already given stay in the reports/).waitFor();
  await confirm.getByRole('button', { name: 'Delete' }).tap();
  await bent.waitFor({ state: 'detached' });
  await waitForSaved(page);
});

test('the week’s roster prints for the notice board: by day and function, no buttons', async () => {
  const { page } = phone;
  await go(page, 'Roster');
  await page.getByRole('button', { name: 'Week', exact: true }).tap();
  await page.getByRole('heading', { level: 2, name: /^Week 48: / }).waitFor();
  await page.getByRole('button', { name: 'Print the roster' }).waitFor();
  const mailto = await page.getByRole('link', { name: 'E-mail everyone on it' }).getAttribute('href');
  assert.equal(mailto, 'mailto:?bcc=anna@example.org', 'addresses in BCC');
  const { pages, text } = await printed(page);
  assert.equal(pages, 1, 'one page for the notice board');
  assert.match(text, /Week 48/);
  assert.match(text, /Café/);
  assert.match(text, /Anna Jensen/);
  for (const control of ['Print the roster', 'Record cancellation', 'Put someone in', 'Check in']) {
    assert.ok(!text.includes(control), `no “${control}” on paper`);
  }
  await shoot(page, 'roster-week-print-preview');
});

test('a trial conversation that ends in “changes” opens the agreement’s editor, from a date', async () => {
  const { page } = phone;
  await go(page, 'People');
  await addPerson(page, 'Dora Lund');
  await go(page, 'Agreements');
  await page.getByRole('button', { name: 'Add agreement' }).tap();
  const form = page.getByRole('form', { name: 'New agreement' });
  await form.getByLabel('Person').selectOption({ label: 'Dora Lund' });
  await form.getByLabel('Function').selectOption({ label: 'Café' });
  await form.getByRole('checkbox', { name: 'Monday' }).check();
  await form.getByLabel('First day').fill('2026-10-12');
  await form.getByRole('button', { name: 'Save' }).tap();
  await waitForSaved(page);

  await go(page, 'Follow-ups');
  const due = page.getByRole('list', { name: 'Conversations due' }).getByRole('listitem').filter({ hasText: 'Dora Lund' });
  await due.first().getByRole('button', { name: 'Record conversation' }).tap();
  const record = page.getByRole('form', { name: 'Trial conversation with Dora Lund' });
  await record.getByLabel('Outcome').selectOption({ label: 'Changes function or time' });
  await record.getByRole('button', { name: 'Save' }).tap();
  const next = page.getByRole('region', { name: /^The conversation with Dora Lund changes the agreement/ });
  const editor = next.getByRole('form', { name: 'Change the agreement of Dora Lund' });
  await editor.getByLabel('Changes apply from').fill('2026-11-30');
  await editor.getByLabel('Starts').fill('14:00');
  await editor.getByLabel('Ends').fill('16:00');
  await page.screenshot({ path: join(screenshotDir, 'follow-up-change.png'), fullPage: true });
  await editor.getByRole('button', { name: 'Save' }).tap();
  await next.waitFor({ state: 'detached' });
  await waitForSaved(page);

  await go(page, 'Agreements');
  const dora = page.getByRole('list', { name: 'All agreements' }).getByRole('listitem').filter({ hasText: 'Dora Lund · Café' });
  assert.equal(await dora.count(), 2);
  assert.match(await dora.nth(0).textContent(), /10:00–13:00, from Mon 12 Oct to Sun 29 Nov/);
  assert.match(await dora.nth(1).textContent(), /14:00–16:00, from Mon 30 Nov/);
});
