// One static server and one Chromium per test file: `const suite = useSuite();` registers the
// before/after hooks; `suite.server` and `suite.browser` are set once the hooks have run.
// `suite.openDemo(width)` opens the demo page in a fresh context, recording the atlas events, and
// resolves once `atlas-ready` has fired.
import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';
import { recordAtlasEvents, waitForRecorded } from './atlas.mjs';

export function useSuite() {
  const suite = {
    server: null,
    browser: null,
    async openDemo(width = 1200) {
      const session = await openPage(suite.browser, { width, height: 1000 });
      await recordAtlasEvents(session.page);
      await session.page.goto(`${suite.server.url}/index.html`);
      await waitForRecorded(session.page, 'atlas-ready');
      return session;
    },
  };
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
