// One static server and one Chromium per test file: `const suite = useSuite();` registers the
// before/after hooks; `suite.server` and `suite.browser` are set once the hooks have run.
import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';

export function useSuite() {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
