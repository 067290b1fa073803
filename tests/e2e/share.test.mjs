// Patches travel (issue 18, item 3): a copied link carries the patch and the sharer's notes to a
// colleague's fresh page; a link opened where the colleague has a draft of their own shows the
// link's patch and keeps the draft one click away; "Import patch (JSON)" takes back what "Patch as
// JSON" wrote; the element and frame snippets of "Embed this view", pasted into a page of another
// origin, show the patch; and a pasted element whose files cannot load (no CORS) leaves a message
// and a link instead of a blank box.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useSuite } from './support/suite.mjs';
import { recordAtlasEvents, waitForRecorded } from './support/atlas.mjs';
import { openPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const suite = useSuite();
/** A page server on another origin for the pasted snippets (started on first use). */
let host;
after(() => host?.close());

const PATCH_NAME = 'North Liverpool CIT patch';
const NOTE = 'Spoke to the job club on Stanley Road';

/** Text of the element's parts matching `selector`, in the page or in a frame. */
const texts = (target, selector) => target.evaluate((sel) => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll(sel)].map((n) => n.textContent), selector);

/** Waits until the element shows the patch named `name`; returns its areas. */
async function waitForPatch(target, name) {
  const handle = await target.waitForFunction((n) => {
    const shared = document.querySelector('work-health-atlas')?.sharedPatch?.();
    return shared?.patch.name === n && shared.patch.areas;
  }, name);
  return handle.jsonValue();
}

/** The demo with the fixture patch from the page and one note of the user's own. */
async function demoWithPatch() {
  const session = await suite.openDemo(1300);
  const { page } = session;
  await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('patch-src', '/__fixtures/patch.json'));
  const areas = await waitForPatch(page, PATCH_NAME);
  await page.locator('work-health-atlas #atlas-tab-patch').click();
  await page.locator('work-health-atlas .patch-view textarea >> nth=1').fill(NOTE);
  await page.locator('work-health-atlas .patch-view input[autocomplete="name"]').fill('Resident researcher');
  await page.locator('work-health-atlas .patch-view button', { hasText: 'Add note' }).click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').sharedPatch()?.notes.length === 1);
  return { ...session, areas };
}

test('a copied link opens the same patch, with its notes, in a fresh page', async () => {
  const sharer = await demoWithPatch();
  const link = await sharer.page.evaluate(() => document.querySelector('work-health-atlas').link());
  assert.match(link, /#atlas=[^&]*&atlas\.patch=[A-Za-z0-9_-]+$/);
  // sync-url keeps the patch in the sharer's own address too.
  assert.match(await sharer.page.evaluate(() => window.location.hash), /&atlas\.patch=/);
  await sharer.context.close();

  const colleague = await openPage(suite.browser, { width: 1300, height: 1000 });
  await recordAtlasEvents(colleague.page);
  await colleague.page.goto(link);
  assert.deepEqual(await waitForPatch(colleague.page, PATCH_NAME), sharer.areas);
  await colleague.page.locator('work-health-atlas #atlas-tab-patch').click();
  await colleague.page.waitForFunction((n) => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.notes .note-text')].some((p) => p.textContent === n), NOTE);
  const count = (await texts(colleague.page, '.patch-count'))[0];
  assert.equal(count, `${sharer.areas.length} LSOAs in the patch.`);
  assert.ok((await texts(colleague.page, '.patch-view .notice')).some((t) => t.includes(`“${PATCH_NAME}” from the link you opened`)));
  assert.deepEqual(colleague.errors, []);
  await colleague.context.close();
});

test('a link opened over a draft of ones own shows the link’s patch and keeps the draft a click away', async () => {
  const sharer = await demoWithPatch();
  const link = await sharer.page.evaluate(() => document.querySelector('work-health-atlas').link());
  await sharer.context.close();

  const { page, context, errors } = await suite.openDemo(1300);
  const own = 'E01006512';
  await page.evaluate((code) => document.querySelector('work-health-atlas').select(code), own);
  await page.waitForFunction((code) => document.querySelector('work-health-atlas').state.area === code, own);
  await page.locator('work-health-atlas #atlas-tab-patch').click();
  await page.locator('work-health-atlas .patch-view button', { hasText: 'Add the selected area' }).click();
  await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.patch-count').textContent.startsWith('1 '));
  // Same page, new hash: the link is applied on `hashchange`.
  await page.goto(link);
  await waitForPatch(page, PATCH_NAME);
  await page.locator('work-health-atlas .patch-view button', { hasText: 'Show my saved draft' }).click();
  const back = await page.waitForFunction(() => {
    const shared = document.querySelector('work-health-atlas').sharedPatch();
    return shared?.patch.name === 'My patch' && shared.patch.areas;
  });
  assert.deepEqual(await back.jsonValue(), [own]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Import patch (JSON)" takes back what "Patch as JSON" wrote', async () => {
  const sharer = await demoWithPatch();
  const [download] = await Promise.all([sharer.page.waitForEvent('download'), sharer.page.locator('work-health-atlas .patch-view button', { hasText: 'Patch as JSON' }).click()]);
  const file = await readFile(await download.path(), 'utf8');
  const written = JSON.parse(file);
  assert.equal(written.name, PATCH_NAME);
  await sharer.context.close();

  const { page, context, errors } = await suite.openDemo(1300);
  await page.locator('work-health-atlas #atlas-tab-patch').click();
  await page.locator('work-health-atlas .patch-view input[aria-label="Patch file to import (JSON)"]').setInputFiles({ name: 'patch.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  const areas = await waitForPatch(page, PATCH_NAME);
  assert.deepEqual(areas, sharer.areas);
  const shared = await page.evaluate(() => document.querySelector('work-health-atlas').sharedPatch().patch);
  assert.deepEqual(shared, written, 'the round trip keeps name, areas and interventions');
  assert.match((await texts(page, '.patch-view [role="status"]')).join(' '), new RegExp(`Imported the patch “${PATCH_NAME}”: ${areas.length} LSOAs, 1 intervention\\.`));
  // A file that is not a patch is refused with the reason, and the patch stays.
  await page.locator('work-health-atlas .patch-view input[aria-label="Patch file to import (JSON)"]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"name": 3}') });
  await page.waitForFunction(() => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.patch-view [role="status"]')].some((p) => p.textContent.startsWith('Not imported:')));
  assert.deepEqual(await waitForPatch(page, PATCH_NAME), areas);
  assert.deepEqual(errors, []);
  await context.close();
});

test('both embed snippets, pasted into a page of another origin, show the patch', async () => {
  const sharer = await demoWithPatch();
  const [element, frame] = await sharer.page.evaluate(() => [document.getElementById('embed-element').textContent, document.getElementById('embed-iframe').textContent]);
  await sharer.context.close();
  assert.match(element, / patch="\{&quot;name&quot;:&quot;North Liverpool CIT patch&quot;/);
  assert.match(element, / notes="\[/);
  assert.match(frame, /embed\.html\?[^"]*patch=/);
  host ??= await startServer({ hostFor: suite.server.url });
  for (const [name, html] of [['element', element], ['frame', frame]]) {
    await fetch(`${host.url}/__snippet/${name}`, { method: 'PUT', body: html });
  }

  const { page, context, errors } = await openPage(suite.browser, { width: 1300, height: 1000 });
  await page.goto(`${host.url}/snippet-element.html`);
  assert.deepEqual(await waitForPatch(page, PATCH_NAME), sharer.areas);
  await page.locator('work-health-atlas #atlas-tab-patch').click();
  await page.waitForFunction((n) => [...document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.notes .note-text')].some((p) => p.textContent === n), NOTE);
  await page.goto(`${host.url}/snippet-frame.html`);
  const inFrame = await (await page.waitForSelector('iframe')).contentFrame();
  assert.deepEqual(await waitForPatch(inFrame, PATCH_NAME), sharer.areas);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an element whose files cannot load on another origin leaves a message and a link', async () => {
  const closed = await startServer({ cors: false });
  const closedHost = await startServer({ hostFor: closed.url });
  try {
    const demo = await openPage(suite.browser, { width: 1300, height: 1000 });
    await demo.page.goto(`${closed.url}/index.html`);
    await demo.page.waitForFunction(() => document.getElementById('embed-element').textContent.includes('<work-health-atlas'));
    const element = await demo.page.evaluate(() => document.getElementById('embed-element').textContent);
    await demo.context.close();
    await fetch(`${closedHost.url}/__snippet/element`, { method: 'PUT', body: element });
    const { page, context } = await openPage(suite.browser, { width: 1300, height: 1000 });
    await page.goto(`${closedHost.url}/snippet-element.html`);
    const link = page.getByRole('link', { name: 'open it here' });
    await link.waitFor();
    assert.ok(await page.getByText('If it does not appear').isVisible());
    assert.ok((await link.getAttribute('href')).startsWith(`${closed.url}/embed.html?`));
    await context.close();
  } finally {
    await closedHost.close();
    await closed.close();
  }
});
