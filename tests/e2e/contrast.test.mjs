// Focus indicators (WCAG 2.2 2.4.7 and 1.4.11): on the light demo and on the dark example, every
// kind of control inside the shadow root — a button, a select, the search box, a zoom button, an
// export button, the map canvas, a note pin and a table link — shows a focus indicator when it is
// reached with the keyboard, and at least one of the indicator's colours has 3:1 against the
// background next to it (the two-tone ring: the dark band on light themes, the yellow on dark
// ones), the two tones 3:1 against each other. Note pins are at least 24 × 24 px (2.5.8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite } from './support/suite.mjs';
import { openPage } from './support/browser.mjs';

const suite = useSuite();

/** WCAG 2.x relative luminance of an sRGB triple (0–255). */
function luminance([r, g, b]) {
  const f = (v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

/** WCAG contrast ratio (1–21) of two sRGB triples. */
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const PAGES = [
  { path: '/index.html', theme: 'light' },
  { path: '/examples/dark.html', theme: 'dark' },
];

/** Opens `path` 1300 px wide (the options are shown, not behind "Map options") and waits for the widget. */
async function open(path) {
  const session = await openPage(suite.browser, { width: 1300, height: 1000 });
  await session.page.goto(`${suite.server.url}${path}`);
  await session.page.waitForFunction(() => customElements.get('work-health-atlas'));
  await session.page.evaluate(() => document.querySelector('work-health-atlas').ready);
  return session;
}

/**
 * Focuses the shadow element `selector` as the keyboard would: focus it, then Shift+Tab and Tab
 * back, so the browser treats the focus as keyboard focus (`:focus-visible`) whatever came before.
 */
async function keyboardFocus(page, selector) {
  const found = await page.evaluate((s) => {
    const node = document.querySelector('work-health-atlas').shadowRoot.querySelector(s);
    if (!node || !node.checkVisibility()) return false;
    node.scrollIntoView({ block: 'center' });
    node.focus({ focusVisible: true });
    return true;
  }, selector);
  assert.ok(found, `${selector} is shown`);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(
    (s) => document.querySelector('work-health-atlas').shadowRoot.activeElement?.matches(`${s}:focus-visible`) ?? false,
    selector,
  );
  assert.ok(focused, `${selector} has keyboard focus (:focus-visible)`);
}

/**
 * The focused shadow element's indicator colours (the outline's, unless it is none or transparent,
 * and every box-shadow's), its outline width, and the background beside it: the first opaque
 * background at or above its parent, crossing from the shadow root to the host (for the map
 * canvas, whose ring is inset, that is the map's background).
 */
function focusIndicator(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:\s*[,/]\s*([\d.]+))?\)/);
      return m ? { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], a: m[4] === undefined ? 1 : Number(m[4]) } : null;
    };
    const up = (n) => n.parentElement || (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null);
    const background = (node) => {
      for (let n = node; n; n = up(n)) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c && c.a > 0.9) return c.rgb;
      }
      return [255, 255, 255];
    };
    const el = document.querySelector('work-health-atlas').shadowRoot.activeElement;
    const style = getComputedStyle(el);
    const tones = [];
    const outline = parse(style.outlineColor);
    const outlineWidth = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    if (outlineWidth > 0 && outline && outline.a > 0.9) tones.push(outline.rgb);
    for (const m of style.boxShadow === 'none' ? [] : style.boxShadow.matchAll(/rgba?\([^)]*\)/g)) {
      const c = parse(m[0]);
      if (c && c.a > 0.9) tones.push(c.rgb);
    }
    // The text-link style fills the element itself with the yellow: that fill is a tone too.
    const fill = parse(style.backgroundColor);
    const own = fill && fill.a > 0.9 ? fill.rgb : null;
    return { tones, outlineWidth, own, behind: background(el.parentElement || up(el)), tag: el.tagName.toLowerCase(), className: String(el.className) };
  });
}

/** Asserts the focused element's indicator is visible at 3:1 against the background beside it. */
async function assertRing(page, label) {
  const ring = await focusIndicator(page);
  const { tones } = ring;
  assert.ok(tones.length > 0, `${label}: a focus indicator (outline or box-shadow) is drawn — ${JSON.stringify(ring)}`);
  if (ring.outlineWidth > 0) assert.ok(ring.outlineWidth >= 2, `${label}: the outline is at least 2 px (${ring.outlineWidth})`);
  const best = Math.max(...tones.map((t) => contrast(t, ring.behind)));
  assert.ok(best >= 3, `${label}: best indicator tone is ${best.toFixed(2)}:1 against ${JSON.stringify(ring.behind)} (${JSON.stringify(tones)}), below 3:1`);
  // Two tones (yellow and ink) must also stand apart from each other, so each bounds the other.
  const distinct = [...new Map(tones.map((t) => [t.join(','), t])).values()];
  if (distinct.length > 1) {
    const apart = Math.max(...distinct.flatMap((a, i) => distinct.slice(i + 1).map((b) => contrast(a, b))));
    assert.ok(apart >= 3, `${label}: the ring's tones are ${apart.toFixed(2)}:1 apart (${JSON.stringify(distinct)})`);
  }
  return ring;
}

const CONTROLS = [
  ['the "Show table" button', '.table-toggle'],
  ['the indicator select', '#atlas-indicator'],
  ['the search box', '#atlas-search'],
  ['a zoom button', '.zoom button'],
  ['an export button', '.exports button'],
  ['the map canvas', '.map canvas.overlay'],
];

for (const { path, theme } of PAGES) {
  test(`${path} (${theme}): keyboard focus rings are at least 3:1 against their background`, async () => {
    const { page, context, errors } = await open(path);
    for (const [label, selector] of CONTROLS) {
      await keyboardFocus(page, selector);
      await assertRing(page, `${theme}: ${label}`);
    }
    // A link in the data table (the text-link style: yellow fill, dark bar below).
    await page.evaluate(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.table-toggle').click());
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelector('.table-view tbody .area-link'));
    await keyboardFocus(page, '.table-view tbody .area-link');
    const link = await assertRing(page, `${theme}: a table link`);
    if (link.own) {
      // Text on the yellow keeps its own contrast.
      const ink = await page.evaluate(() => getComputedStyle(document.querySelector('work-health-atlas').shadowRoot.activeElement).color);
      const rgb = ink.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
      assert.ok(contrast(rgb, link.own) >= 4.5, `${theme}: the focused link's text is ${contrast(rgb, link.own).toFixed(2)}:1 on its focus fill`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`${path} (${theme}): a note pin is at least 24 × 24 px and its focus ring is at least 3:1`, async () => {
    const { page, context, errors } = await open(path);
    await page.evaluate(() => document.querySelector('work-health-atlas').setAttribute('notes-src', '/__fixtures/notes.json'));
    await page.waitForFunction(() => document.querySelector('work-health-atlas').shadowRoot.querySelectorAll('.pins .pin').length === 1);
    const size = await page.evaluate(() => {
      const r = document.querySelector('work-health-atlas').shadowRoot.querySelector('.pins .pin').getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    assert.ok(size.width >= 24 && size.height >= 24, `the pin is ${size.width} × ${size.height} px`);
    // The pin is the patch's colour: 3:1 against the white map ground and the light classes it
    // sits on (WCAG 1.4.11), and its white number 4.5:1 on it.
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('work-health-atlas').shadowRoot.querySelector('.pins .pin'));
      return [style.backgroundColor, style.color].map((c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number));
    });
    const [pin, number] = colours;
    assert.deepEqual(pin, [0x00, 0x80, 0x98], `${theme}: the pin is the patch colour (charts and pins keep the light defaults)`);
    assert.ok(contrast(pin, [255, 255, 255]) >= 3, `${theme}: the pin is ${contrast(pin, [255, 255, 255]).toFixed(2)}:1 on white`);
    assert.ok(contrast(number, pin) >= 4.5, `${theme}: the pin's number is ${contrast(number, pin).toFixed(2)}:1 on it`);
    await keyboardFocus(page, '.pins .pin');
    await assertRing(page, `${theme}: a note pin`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
