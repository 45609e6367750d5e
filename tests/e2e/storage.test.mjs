// Storage as a person meets it: two tabs open at once, and a full browser storage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertNoSidewaysScroll, openPhone, screenshotDir, startApp } from './harness.mjs';

let app;
before(async () => (app = await startApp()));
after(async () => app?.stop());

async function addPerson(page, name) {
  await page.getByRole('button', { name: 'Add person' }).tap();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save' }).tap();
}

function everyone(page) {
  return page.getByRole('list', { name: 'Everyone in the group' }).getByRole('listitem');
}

test('two tabs: a change in one appears in the other and neither overwrites the other', async () => {
  const { page: first, done } = await openPhone(app, '#/people');
  const second = await first.context().newPage();
  await second.goto(`${app.url}#/people`);
  await second.getByRole('heading', { level: 1, name: 'People' }).waitFor();

  await addPerson(first, 'Anna');
  // The other tab hears of it through the storage event, without a reload.
  await everyone(second).filter({ hasText: 'Anna' }).waitFor();

  await addPerson(second, 'Bent');
  await everyone(first).filter({ hasText: 'Bent' }).waitFor();
  await addPerson(first, 'Carl');

  for (const tab of [first, second]) {
    await tab.reload();
    await everyone(tab).nth(2).waitFor();
    assert.deepEqual(await everyone(tab).allTextContents(), ['Anna', 'Bent', 'Carl']);
  }
  await second.close();
  await done();
});

test('a full storage keeps the change in the tab, says so, and damages nothing saved', async () => {
  const { page, done } = await openPhone(app, '#/people');
  await addPerson(page, 'Anna');
  await everyone(page).first().waitFor();

  // Fill the browser's quota for the site, as years of other data might.
  const fillers = await page.evaluate(() => {
    let n = 0;
    for (const size of [1_000_000, 100_000, 10_000, 100]) {
      try {
        for (;;) localStorage.setItem(`filler.${n++}`, 'x'.repeat(size));
      } catch {}
    }
    return n;
  });
  await addPerson(page, 'B'.repeat(3_000));
  const notice = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /storage for Flok is full/);
  await notice.getByRole('link', { name: 'Export in Settings' }).waitFor();
  assert.equal(await everyone(page).count(), 2, 'the new person stays in the tab');
  await assertNoSidewaysScroll(page);
  await page.screenshot({ path: join(screenshotDir, 'storage-full.png'), fullPage: true });

  await page.evaluate((n) => {
    for (let i = 0; i < n; i++) localStorage.removeItem(`filler.${i}`);
  }, fillers);
  await page.reload();
  await everyone(page).first().waitFor();
  assert.deepEqual(await everyone(page).allTextContents(), ['Anna'], 'what was saved before is intact');
  await done();
});
