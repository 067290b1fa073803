// Runs axe-core (from npm) in a page and returns its violations at WCAG 2.2 AA level.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server.mjs';

const source = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Violations of the WCAG 2.0/2.1/2.2 A and AA rules, as `[{ id, help, targets }]`. */
export async function axeViolations(page) {
  await page.evaluate(source);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  );
  return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}
