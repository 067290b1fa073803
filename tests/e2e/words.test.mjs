// Plain words (issue 18 item 6) in the browser: an indicator that moves the map to another layer
// says so in the live region; the ⓘ toggletips open from the keyboard and by a tap and close with
// Escape; a touch screen reads "tap", not "click"; an indicator of one period has no recent-trend
// line. (The sentences themselves are tested natively: tests/shipped_bundle.rs, tests/impact.rs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { recordAtlasEvents, waitForRecorded } from './support/atlas.mjs';

const suite = useSuite();

/** Runs `fn(root, arg)` in the page with the widget's shadow root. */
const inRoot = (page, fn, arg) =>
  page.evaluate(([source, a]) => new Function('root', 'a', `return (${source})(root, a);`)(document.querySelector('work-health-atlas').shadowRoot, a), [fn.toString(), arg]);

const waitInRoot = (page, fn, arg) =>
  page.waitForFunction(([source, a]) => new Function('root', 'a', `return (${source})(root, a);`)(document.querySelector('work-health-atlas').shadowRoot, a), [fn.toString(), arg]);

const live = (page) => inRoot(page, (root) => root.querySelector('.visually-hidden[aria-live]').textContent);

/** The demo page in a context with `options` (viewport, touch), once the atlas is ready. */
async function open(options = { viewport: { width: 1300, height: 1000 } }) {
  const context = await suite.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await recordAtlasEvents(page);
  await page.goto(`${suite.server.url}/index.html`);
  await waitForRecorded(page, 'atlas-ready');
  return { context, page, errors };
}

test('an indicator the layer lacks moves the map to another layer, and the live region says so', async () => {
  const { context, page, errors } = await open();
  const atlas = page.locator('work-health-atlas');
  await atlas.locator('#atlas-geography').selectOption('ward');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.geography === 'ward');
  // Economically inactive is published for MSOAs and districts only.
  await atlas.locator('#atlas-indicator').selectOption('economically-inactive');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.indicator === 'economically-inactive');
  assert.equal(await page.evaluate(() => document.querySelector('work-health-atlas').state.geography), 'lad');
  assert.equal(await live(page), 'Economically inactive is not available for wards; showing districts.');
  // A layer the user chooses is not announced as forced.
  await inRoot(page, (root) => {
    root.querySelector('.visually-hidden[aria-live]').textContent = '';
  });
  await atlas.locator('#atlas-geography').selectOption('msoa');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.geography === 'msoa');
  await atlas.locator('#atlas-indicator').selectOption('unemployed');
  await page.waitForFunction(() => document.querySelector('work-health-atlas').state.indicator === 'unemployed');
  assert.equal(await live(page), '', 'MSOAs have the indicator: nothing to say');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an ⓘ toggletip opens from the keyboard, shows its answer in a status region and closes with Escape', async () => {
  const { context, page, errors } = await open();
  const atlas = page.locator('work-health-atlas');
  const lsoa = atlas.getByRole('button', { name: 'What is LSOA?' });
  assert.equal(await lsoa.getAttribute('aria-expanded'), 'false');
  await lsoa.focus();
  await page.keyboard.press('Enter');
  await waitInRoot(page, (root) => /Lower layer Super Output Area/.test(root.querySelector('button.tip[aria-label="What is LSOA?"] + .tip-text').textContent));
  assert.equal(await lsoa.getAttribute('aria-expanded'), 'true');
  const answer = await inRoot(page, (root) => {
    const region = root.querySelector('button.tip[aria-label="What is LSOA?"] + .tip-text');
    return { role: region.getAttribute('role'), visible: region.getBoundingClientRect().height > 0, text: region.textContent };
  });
  assert.equal(answer.role, 'status');
  assert.ok(answer.visible, 'the answer is on screen');
  assert.match(answer.text, /1,000 to 3,000 residents/);
  // Escape closes the answer and nothing else; focus stays on the button.
  await page.keyboard.press('Escape');
  await waitInRoot(page, (root) => root.querySelector('button.tip[aria-label="What is LSOA?"] + .tip-text').textContent === '');
  assert.equal(await lsoa.getAttribute('aria-expanded'), 'false');
  assert.equal(await inRoot(page, (root) => root.activeElement?.getAttribute('aria-label')), 'What is LSOA?');
  // Space opens it again; the other terms have their own answers.
  await page.keyboard.press('Space');
  await waitInRoot(page, (root) => root.querySelector('button.tip[aria-label="What is LSOA?"]').getAttribute('aria-expanded') === 'true');
  for (const [question, words] of [
    ['What is MSOA?', /Middle layer Super Output Area/],
    ['What are quantiles?', /same number of areas/],
    ['What is IoD?', /Indices of Deprivation/],
  ]) {
    await atlas.getByRole('button', { name: question }).click();
    const text = await waitInRoot(page, (root, q) => root.querySelector(`button.tip[aria-label="${q}"] + .tip-text`).textContent, question);
    assert.match(await text.jsonValue(), words, question);
  }
  // The panel's terms: the interval and 95%/99.8% (a ward, which has intervals and comparisons).
  await atlas.locator('#atlas-geography').selectOption('ward');
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E05000932'));
  await waitInRoot(page, (root) => root.querySelector('.benchmarks li'));
  // The chart module's arrival redraws the panel once (a fresh panel has its answers closed).
  await waitInRoot(page, (root) => root.querySelector('.panel figure.chart') && !root.querySelector('.panel figure.chart').hidden);
  for (const [question, words] of [
    ['What is the interval?', /range the true figure very likely lies in/],
    ['What do 95% and 99.8% mean?', /stricter test/],
  ]) {
    const button = atlas.getByRole('button', { name: question });
    await button.focus();
    await page.keyboard.press('Enter');
    const text = await waitInRoot(page, (root, q) => root.querySelector(`button.tip[aria-label="${q}"] + .tip-text`).textContent, question);
    assert.match(await text.jsonValue(), words, question);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a touch screen the words say "tap", and a tap opens a toggletip', async () => {
  const { context, page, errors } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'the emulated phone has a coarse pointer');
  const panelText = await inRoot(page, (root) => root.querySelector('.panel').textContent);
  assert.match(panelText, /Tap an area on the map/);
  assert.doesNotMatch(panelText, /Click an area/);
  const help = await page.locator('#page-help').textContent();
  assert.match(help, /Tap an area/);
  assert.doesNotMatch(help, /Hover|click/i);
  // The geography tip is in the map options, behind their toggle on a phone.
  await page.locator('work-health-atlas .options-toggle').tap();
  await page.locator('work-health-atlas').getByRole('button', { name: 'What is LSOA?' }).tap();
  await waitInRoot(page, (root) => /Lower layer Super Output Area/.test(root.querySelector('button.tip[aria-label="What is LSOA?"] + .tip-text').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a mouse and keyboard screen keeps "click"', async () => {
  const { context, page } = await open();
  assert.match(await inRoot(page, (root) => root.querySelector('.panel').textContent), /Click an area on the map/);
  assert.match(await page.locator('#page-help').textContent(), /Hover over an area/);
  await context.close();
});

test('an indicator of one period has no recent-trend line; one of several has', async () => {
  const { context, page, errors } = await open();
  const atlas = page.locator('work-health-atlas');
  await atlas.locator('#atlas-geography').selectOption('ward');
  await atlas.locator('#atlas-indicator').selectOption('disability');
  await page.evaluate(() => document.querySelector('work-health-atlas').select('E05000932'));
  await waitInRoot(page, (root) => root.querySelector('.panel .interval'));
  const single = await inRoot(page, (root) => ({ trend: root.querySelector('.recent-trend'), panel: root.querySelector('.panel').textContent }));
  assert.equal(single.trend, null, 'no recent-trend line for Census 2021 alone');
  assert.doesNotMatch(single.panel, /Recent trend/);
  assert.doesNotMatch(await live(page), /recent trend/);
  await atlas.locator('#atlas-indicator').selectOption('employment-deprivation');
  await waitInRoot(page, (root) => root.querySelector('.recent-trend'));
  assert.match(await inRoot(page, (root) => root.querySelector('.recent-trend').textContent), /^Recent trend: /);
  assert.deepEqual(errors, []);
  await context.close();
});
