// A group's second week in Danish, on one coordinator's phone with its clock
// on Monday 23 November 2026: the menu with Planlæg, an event with a waiting
// list, a phoned-in cancellation recorded for someone, a closed day, a
// person's page with hours added by hand, attendance. Each new screen is
// photographed in Danish (target/e2e-screenshots/da-*.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  assertNoSidewaysScroll,
  goTo,
  openPhone,
  printed,
  screenshotDir,
  seriousAccessibilityViolations,
  startApp,
  waitForHeading,
} from './harness.mjs';

let app;
let phone;
before(async () => {
  app = await startApp();
  phone = await openPhone(app, '#/today', { locale: 'da-DK', timezoneId: 'UTC', clock: new Date('2026-11-23T09:00:00Z') });
});
after(async () => {
  await phone?.done();
  await app?.stop();
});

const names = { main: 'Hovedmenu', plan: 'Planlæg', planning: 'Planlægning' };
const go = (page, label) => goTo(page, label, names);
const saved = (page) => page.getByRole('status').filter({ hasText: /^Alle ændringer er gemt$/ }).waitFor();
const shoot = async (page, name) => {
  await assertNoSidewaysScroll(page);
  assert.deepEqual(await seriousAccessibilityViolations(page), [], name);
  await page.screenshot({ path: join(screenshotDir, `da-${name}.png`), fullPage: true });
};
const becomes = async (page, who) => {
  await go(page, 'Indstillinger');
  await page.getByLabel('Hvem bruger denne enhed').selectOption({ label: who });
};

test('opsætning: personer, en funktion, en aftale; menuen har Planlæg', async () => {
  const { page } = phone;
  await page.getByRole('button', { name: 'Start en ny gruppe' }).tap();
  const start = page.getByRole('form', { name: 'Kom i gang' });
  await start.getByLabel('Dit navn').fill('Carl Berg');
  await start.getByRole('button', { name: 'Start' }).tap();
  const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
  assert.equal((await menu.getByRole('link').allTextContents()).join(', '), 'I dag, Mine vagter, Ledige vagter, Planlæg, Indstillinger');
  await go(page, 'Personer');
  for (const name of ['Anna Jensen', 'Bent Hansen']) {
    await page.getByRole('button', { name: 'Tilføj person' }).tap();
    await page.getByLabel('Navn', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Gem' }).tap();
    await saved(page);
  }
  await go(page, 'Funktioner');
  await page.getByRole('button', { name: 'Tilføj funktion' }).tap();
  await page.getByLabel('Navn', { exact: true }).fill('Café');
  await page.getByLabel('Antal personer pr. vagt').fill('2');
  await page.getByRole('button', { name: 'Gem' }).tap();
  await go(page, 'Aftaler');
  await page.getByRole('button', { name: 'Tilføj aftale' }).tap();
  const form = page.getByRole('form', { name: 'Ny aftale' });
  await form.getByLabel('Person').selectOption({ label: 'Anna Jensen' });
  await form.getByLabel('Funktion').selectOption({ label: 'Café' });
  await form.getByRole('checkbox', { name: 'mandag' }).check();
  await form.getByRole('button', { name: 'Gem' }).tap();
  await saved(page);
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Planlæg' }).tap();
  await waitForHeading(page, 'Planlæg');
  await shoot(page, 'plan');
});

test('et arrangement: forkerte pladser afvises på dansk, fuldt hus giver venteliste', async () => {
  const { page } = phone;
  await go(page, 'Arrangementer');
  await page.getByRole('button', { name: 'Tilføj arrangement' }).tap();
  const form = page.getByRole('form', { name: 'Nyt arrangement' });
  await form.getByLabel('Titel').fill('Julefrokost');
  await form.getByLabel('Pladser').fill('0');
  await form.getByRole('button', { name: 'Gem' }).tap();
  await form.getByText('Skriv et antal pladser fra 1 til 500.').waitFor();
  await form.getByLabel('Pladser').fill('1');
  await form.getByLabel('Dato').fill('2026-12-18');
  await form.getByLabel('Beskrivelse (valgfri)').fill('Tag en ret med.');
  await form.getByRole('button', { name: 'Gem' }).tap();
  await saved(page);
  await page.getByRole('list', { name: 'Kommende arrangementer' }).getByText('0 af 1 pladser taget', { exact: false }).waitFor();
  await shoot(page, 'events');

  await becomes(page, 'Anna Jensen');
  await go(page, 'Ledige vagter');
  await page.getByRole('list', { name: 'Ledige vagter' }).getByRole('listitem').filter({ hasText: 'Julefrokost' }).getByRole('button', { name: 'Tag vagten' }).tap();
  await saved(page);
  await becomes(page, 'Bent Hansen');
  await go(page, 'Ledige vagter');
  const full = page.getByRole('list', { name: 'Fuldtegnede arrangementer' }).getByRole('listitem').filter({ hasText: 'Julefrokost' });
  await full.getByRole('button', { name: 'Sæt mig på ventelisten' }).tap();
  await full.getByText('Du er nummer 1 på ventelisten.').waitFor();
  await saved(page);
  await shoot(page, 'waiting-list');
});

test('et afbud giver pladsen til den første på ventelisten, som kan lade den gå videre', async () => {
  const { page } = phone;
  await becomes(page, 'Anna Jensen');
  await go(page, 'Mine vagter');
  const party = page.getByRole('region', { name: 'Dine næste vagter' }).getByRole('listitem').filter({ hasText: 'Julefrokost' });
  await party.getByRole('button', { name: 'Meld afbud' }).tap();
  await party.getByRole('button', { name: 'Bekræft afbud' }).tap();
  await saved(page);
  await becomes(page, 'Bent Hansen');
  await go(page, 'I dag');
  const offer = page.getByRole('region', { name: 'En plads til dig' });
  await offer.getByText('Julefrokost').waitFor();
  await shoot(page, 'today-offer');
  await offer.getByRole('button', { name: 'Lad den gå videre' }).tap();
  await offer.waitFor({ state: 'detached' });
  await saved(page);
});

test('en aftale ændres fra en dato; en funktion kan udgå', async () => {
  const { page } = phone;
  await becomes(page, 'Carl Berg');
  await go(page, 'Aftaler');
  await page.getByRole('button', { name: 'Ændr aftalen med Anna Jensen' }).tap();
  const form = page.getByRole('form', { name: 'Ændr aftalen med Anna Jensen' });
  await form.getByLabel('Ændringen gælder fra').fill('2026-11-01');
  await form.getByRole('button', { name: 'Gem' }).tap();
  await form.getByText('Aftalen var ikke begyndt den dato.').waitFor();
  await shoot(page, 'agreement-change');
  await form.getByRole('button', { name: 'Annuller' }).tap();
  await go(page, 'Funktioner');
  await page.getByRole('button', { name: 'Lad udgå: Café' }).tap();
  await page.getByText(/udgået/).waitFor();
  await shoot(page, 'functions-retired');
  await page.getByRole('button', { name: 'Tag i brug igen: Café' }).tap();
  await saved(page);
});

test('koordinatoren registrerer et afbud for en anden og lukker en dag', async () => {
  const { page } = phone;
  await becomes(page, 'Carl Berg');
  await go(page, 'Vagtplan');
  const slot = page.getByRole('list', { name: 'Vagter' }).getByRole('listitem').filter({ hasText: /^Café/ });
  await slot.getByRole('button', { name: 'Registrér afbud for Anna Jensen' }).tap();
  const phoned = page.getByRole('form', { name: 'Registrér afbud for Anna Jensen' });
  await phoned.getByLabel('Begrundelse (valgfri)').fill('Syg');
  await phoned.getByRole('button', { name: 'Gem' }).tap();
  await saved(page);
  assert.match(await slot.textContent(), /Anna Jensen Afbud \d+ t\. før \(registreret af Carl Berg\)/);

  // Bent tager pladsen uden app: sat på, tjekket ind og ud på klokkeslæt.
  await slot.getByRole('button', { name: 'Sæt en person på: Café 10.00–13.00' }).tap();
  const put = page.getByRole('form', { name: 'Sæt en person på: Café 10.00–13.00' });
  await put.getByLabel('Person').selectOption({ label: 'Bent Hansen' });
  await put.getByRole('button', { name: 'Gem' }).tap();
  await page.getByRole('status').filter({ hasText: 'Bent Hansen er sat på Café 10.00–13.00.' }).waitFor();
  await slot.getByRole('button', { name: 'Tjek ind: Bent Hansen' }).tap();
  const checkIn = page.getByRole('form', { name: 'Tjek ind: Bent Hansen' });
  await checkIn.getByLabel('Tjekket ind kl.').fill('10:00');
  await checkIn.getByRole('button', { name: 'Gem' }).tap();
  await checkIn.getByText('Tidspunktet ligger i fremtiden.').waitFor();
  await checkIn.getByLabel('Tjekket ind kl.').fill('08:30');
  await checkIn.getByRole('button', { name: 'Gem' }).tap();
  await page.getByRole('status').filter({ hasText: 'Tjekket ind kl. 08.30' }).waitFor();
  await slot.getByRole('button', { name: 'Tjek ud: Bent Hansen' }).tap();
  const out = page.getByRole('form', { name: 'Ret tider for Bent Hansen' });
  await out.getByLabel('Tjekket ud kl.').fill('08:55');
  await out.getByRole('button', { name: 'Gem' }).tap();
  await page.getByRole('status').filter({ hasText: 'Kom 08.30–08.55' }).waitFor();
  assert.match(await slot.textContent(), /Bent Hansen Kom 08\.30–08\.55 \(registreret af Carl Berg\)/);
  await saved(page);
  await shoot(page, 'roster-acting');

  await page.getByRole('button', { name: 'Næste dag' }).tap();
  await page.getByRole('button', { name: 'Luk denne dag' }).tap();
  const close = page.getByRole('form', { name: 'Luk denne dag' });
  await close.getByRole('button', { name: 'Gem' }).tap();
  await close.getByText('Skriv en grund, fx en helligdag.').waitFor();
  await close.getByLabel('Hvorfor der er lukket').fill('Personaledag');
  await close.getByRole('button', { name: 'Gem' }).tap();
  await page.getByText(/^Lukket denne dag: Personaledag\./).waitFor();
  await saved(page);
  await shoot(page, 'roster-closed-day');
});

test('en persons side: kontakt, aftaler, timer tilføjet i hånden; fremmøde i rapporten', async () => {
  const { page } = phone;
  await go(page, 'Personer');
  await page.getByRole('list', { name: 'Alle i gruppen' }).getByRole('button', { name: 'Anna Jensen' }).tap();
  const details = page.getByRole('form', { name: 'Oplysninger om Anna Jensen' });
  await details.getByLabel('Telefon').fill('12 34 56 78');
  await details.getByRole('button', { name: 'Gem' }).tap();
  await saved(page);
  await page.getByRole('link', { name: 'Siden for Anna Jensen' }).tap();
  await waitForHeading(page, 'Anna Jensen');
  assert.equal(await page.getByRole('link', { name: 'Ring til Anna Jensen' }).getAttribute('href'), 'tel:12345678');
  const byHand = page.getByRole('region', { name: 'Timer givet uden app' });
  await byHand.getByRole('button', { name: 'Tilføj timer' }).tap();
  const form = page.getByRole('form', { name: 'Tilføj timer' });
  await form.getByLabel('Dato').fill('2026-11-20');
  await form.getByLabel('Timer').fill('25');
  await form.getByRole('button', { name: 'Gem' }).tap();
  await form.getByText('Et døgn har højst 24 timer.').waitFor();
  await form.getByLabel('Timer').fill('1,5');
  await form.getByRole('button', { name: 'Gem' }).tap();
  await byHand.getByRole('status').filter({ hasText: /^Tilføjet 1 t\. 30 min\. den / }).waitFor();
  await saved(page);
  await shoot(page, 'person-page');

  await go(page, 'Rapporter');
  await page.getByRole('table', { name: 'Fremmøde' }).getByRole('row', { name: /Anna Jensen/ }).waitFor();
  await shoot(page, 'reports-attendance');
});

test('vagtplanen for ugen udskrives til opslagstavlen, uden knapper', async () => {
  const { page } = phone;
  await go(page, 'Vagtplan');
  await page.getByRole('button', { name: 'Uge', exact: true }).tap();
  await page.getByRole('heading', { level: 2, name: /^Uge 48: / }).waitFor();
  const { pages, text } = await printed(page);
  assert.equal(pages, 1);
  assert.match(text, /Uge 48/);
  assert.match(text, /Anna Jensen/);
  for (const control of ['Udskriv vagtplanen', 'Registrér afbud', 'Tjek ind']) assert.ok(!text.includes(control), control);
});

test('en aftale afsluttes på en sidste dag og slettes derefter', async () => {
  const { page } = phone;
  await go(page, 'Aftaler');
  await page.getByRole('button', { name: 'Afslut aftalen med Anna Jensen' }).tap();
  const end = page.getByRole('form', { name: 'Afslut aftalen med Anna Jensen' });
  await end.getByLabel('Sidste dag').fill('2026-12-31');
  await end.getByRole('button', { name: 'Gem' }).tap();
  await page.getByRole('status').filter({ hasText: /^Aftalen slutter torsdag den 31\. december 2026\.$/ }).waitFor();
  await saved(page);
  await page.getByRole('button', { name: 'Slet aftalen med Anna Jensen' }).tap();
  const confirm = page.getByRole('group', { name: 'Slet aftalen med Anna Jensen' });
  await confirm.getByText(/De timer, der allerede er givet, bliver i rapporterne/).waitFor();
  await shoot(page, 'agreement-delete');
  await confirm.getByRole('button', { name: 'Slet' }).tap();
  await page.getByText(/^Ingen aftaler endnu/).waitFor();
  await saved(page);
});

test('en glemt udtjekning lukker af sig selv og rettes af koordinatoren', async () => {
  const { page } = phone;
  await go(page, 'I dag');
  await page.getByRole('button', { name: 'Tjek ind' }).tap();
  await saved(page);
  await page.clock.setSystemTime(new Date('2026-11-24T09:00:00Z'));
  await page.reload();
  await page.getByRole('button', { name: 'Tjek ind' }).waitFor();
  await go(page, 'Vagtplan');
  const forgotten = page.getByRole('list', { name: 'Glemte udtjekninger' }).getByRole('listitem');
  assert.match(await forgotten.first().textContent(), /Carl Berg: ind man\. 23\. nov\. 09\.\d\d, aldrig ud; talt til 21\.\d\d\./);
  await shoot(page, 'roster-forgotten');
  await forgotten.first().getByRole('button', { name: 'Ret tider for Carl Berg' }).tap();
  const fix = page.getByRole('form', { name: 'Ret tider for Carl Berg' });
  await fix.getByLabel('Tjekket ud kl.').fill('10:30');
  await fix.getByRole('button', { name: 'Gem' }).tap();
  await page.getByRole('status').filter({ hasText: /^Kom 09\.\d\d–10\.30$/ }).waitFor();
  await page.getByRole('list', { name: 'Glemte udtjekninger' }).waitFor({ state: 'detached' });
  await saved(page);
});
