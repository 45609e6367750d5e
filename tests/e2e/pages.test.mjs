// The shell: every page is reachable from the navigation, reloads on its own
// address from a plain static server, and is photographed for a person to see.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  assertNoSidewaysScroll,
  openPhone,
  screenshotDir,
  seriousAccessibilityViolations,
  startApp,
  waitForHeading,
} from './harness.mjs';

const pages = [
  ['Today', 'today'],
  ['My shifts', 'my-shifts'],
  ['Open slots', 'open-slots'],
  ['Plan', 'plan'],
  ['People', 'people'],
  ['Functions', 'functions'],
  ['Agreements', 'agreements'],
  ['Events', 'events'],
  ['Roster', 'roster'],
  ['Follow-ups', 'follow-ups'],
  ['Competences', 'competences'],
  ['Reports', 'reports'],
  ['Settings', 'settings'],
];

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

test('the start page is Today and, on a new device, starts a group with its name and yours', async () => {
  const { page, done } = await openPhone(app);
  await waitForHeading(page, 'Today');
  assert.equal(await page.title(), 'Today · Flok');
  await page.getByRole('button', { name: 'Start a new group' }).tap();
  const start = page.getByRole('form', { name: 'Getting started' });
  await start.getByLabel("Your group's name").fill('Café Ærtebjerg');
  await start.getByLabel('Your name').fill('Anna Jensen');
  await start.getByRole('button', { name: 'Start' }).tap();
  await page.getByText('Hello, Anna Jensen.').waitFor();
  await page.getByText('Café Ærtebjerg').waitFor();
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  await page.screenshot({ path: join(screenshotDir, 'today-hello.png'), fullPage: true });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).tap();
  await page.getByRole('navigation', { name: 'Planning' }).getByRole('link', { name: 'People' }).tap();
  await waitForHeading(page, 'People');
  await page.getByRole('list', { name: 'Everyone in the group' }).getByText('Anna Jensen').waitFor();
  await done();
});

test('every page opens from the navigation (planning pages through Plan) and survives a reload', async () => {
  const { page, done } = await openPhone(app);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const bar = ['Today', 'My shifts', 'Open slots', 'Plan', 'Settings'];
  for (const [label, slug] of pages) {
    if (bar.includes(label)) {
      await nav.getByRole('link', { name: label, exact: true }).tap();
    } else {
      await nav.getByRole('link', { name: 'Plan', exact: true }).tap();
      await waitForHeading(page, 'Plan');
      await page.getByRole('navigation', { name: 'Planning' }).getByRole('link', { name: label, exact: true }).tap();
    }
    await page.waitForURL(`**#/${slug}`);
    await waitForHeading(page, label);
    if (bar.includes(label)) {
      assert.equal(await nav.getByRole('link', { name: label, exact: true }).getAttribute('aria-current'), 'page');
      assert.equal(await nav.locator('[aria-current="page"]').count(), 1);
    } else {
      assert.equal(await nav.getByRole('link', { name: 'Plan', exact: true }).getAttribute('aria-current'), 'true', 'Plan is the section');
    }

    await page.reload();
    await waitForHeading(page, label);
    assert.equal(await page.title(), `${label} · Flok`);
    await assertNoSidewaysScroll(page);
    await page.screenshot({ path: join(screenshotDir, `${slug}.png`), fullPage: true });
  }
  await done();
});

test('after a navigation, focus is on the new page heading for screen readers', async () => {
  const { page, done } = await openPhone(app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).tap();
  await page.waitForFunction(() => document.activeElement?.id === 'page-heading');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Plan');
  await page.getByRole('navigation', { name: 'Planning' }).getByRole('link', { name: 'Reports' }).tap();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Reports');
  await done();
});

test('the back button returns to the previous page', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).tap();
  await waitForHeading(page, 'Settings');
  await page.goBack();
  await waitForHeading(page, 'People');
  await done();
});

test('an unknown address says so and links back to Today', async () => {
  const { page, done } = await openPhone(app, '#/no-such-page');
  await waitForHeading(page, 'Page not found');
  await page.screenshot({ path: join(screenshotDir, 'not-found.png'), fullPage: true });
  await page.getByRole('link', { name: 'Go to Today' }).tap();
  await waitForHeading(page, 'Today');
  await done();
});

/** The box a finger hits: a checkbox or radio inside its label counts as the label. */
async function targetBoxes(page) {
  return page.locator('header a, main a, button, input, select').evaluateAll((controls) =>
    controls
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const target = el.closest('label.choice') ?? el;
        const { width, height } = target.getBoundingClientRect();
        return { width, height, html: el.outerHTML.slice(0, 80) };
      }),
  );
}

test('every control on every page is at least 44×44 CSS pixels', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await page.getByRole('button', { name: 'Add person' }).tap();
  let seen = 0;
  for (const [label, slug] of [...pages, ['Kiosk', 'kiosk'], ['Open a file', 'open']]) {
    await page.goto(`${app.url}#/${slug}`);
    await waitForHeading(page, label);
    const opens = { people: 'Add person', functions: 'Add function', agreements: 'Add agreement', events: 'Add event' }[slug];
    if (opens) await page.getByRole('button', { name: opens }).tap();
    for (const { width, height, html } of await targetBoxes(page)) {
      assert.ok(width >= 44 && height >= 44, `#/${slug}: ${html} is ${width}×${height}`);
      seen++;
    }
  }
  assert.ok(seen >= 60, `found only ${seen} controls`);
  await done();
});

test('text at 200% still fits the phone: nothing scrolls sideways, no control is cut off', async () => {
  const { page, done } = await openPhone(app);
  for (const [label, slug] of [...pages, ['Kiosk', 'kiosk'], ['Open a file', 'open']]) {
    await page.goto(`${app.url}#/${slug}`);
    await waitForHeading(page, label);
    const opens = { people: 'Add person', functions: 'Add function', agreements: 'Add agreement', events: 'Add event' }[slug];
    if (opens) await page.getByRole('button', { name: opens }).tap();
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    await assertNoSidewaysScroll(page);
    const width = await page.evaluate(() => window.innerWidth);
    for (const { html, right } of await page.locator('main button, main input, main select, main label').evaluateAll((els) =>
      els.map((el) => ({ html: el.outerHTML.slice(0, 60), right: el.getBoundingClientRect().right })),
    )) {
      assert.ok(right <= width + 1, `#/${slug} at 200%: ${html} ends at ${right}px`);
    }
    if (slug === 'agreements') await page.screenshot({ path: join(screenshotDir, 'agreements-200.png'), fullPage: true });
  }
  await done();
});

test('no page has a serious or critical accessibility violation, in light or dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, done } = await openPhone(app, '', { colorScheme });
    for (const [label, slug] of pages) {
      await page.goto(`${app.url}#/${slug}`);
      await waitForHeading(page, label);
      const opens = { people: 'Add person', functions: 'Add function', agreements: 'Add agreement', events: 'Add event' }[slug];
      if (opens) await page.getByRole('button', { name: opens }).tap();
      assert.deepEqual(await seriousAccessibilityViolations(page), [], `#/${slug} in ${colorScheme}`);
      if (colorScheme === 'dark') await page.screenshot({ path: join(screenshotDir, `${slug}-dark.png`), fullPage: true });
    }
    await done();
  }
});

test('a volunteer sees a short menu; coordinator mode in Settings adds the planning pages', async () => {
  const { page, done } = await openPhone(app, '#/settings', { coordinator: false });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = async () => (await nav.getByRole('link').allTextContents()).join(', ');
  assert.equal(await links(), 'Today, My shifts, Open slots, Settings');
  const mode = page.getByRole('checkbox', { name: 'Coordinator mode' });
  assert.match(await page.locator('#coordinator-help').textContent(), /not a lock/);
  await mode.check();
  assert.equal(await links(), 'Today, My shifts, Open slots, Plan, Settings');
  await nav.getByRole('link', { name: 'Plan' }).tap();
  assert.equal(
    (await page.getByRole('navigation', { name: 'Planning' }).getByRole('link').allTextContents()).join(', '),
    'Roster, People, Agreements, Events, Functions, Follow-ups, Competences, Reports',
  );
  const height = await nav.evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(height <= 64, `the menu is one row on a phone, not ${height}px of pills`);
  await page.goto(`${app.url}#/settings`);
  await waitForHeading(page, 'Settings');
  await page.reload();
  await waitForHeading(page, 'Settings');
  assert.ok(await page.getByRole('checkbox', { name: 'Coordinator mode' }).isChecked(), 'kept on this device');
  await page.getByRole('checkbox', { name: 'Coordinator mode' }).uncheck();
  await page.reload();
  await waitForHeading(page, 'Settings');
  assert.equal(await links(), 'Today, My shifts, Open slots, Settings');
  await done();
});
