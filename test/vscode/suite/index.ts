/**
 * The in-extension-host mocha suite: `run()` is the entry both `@vscode/test-electron` and the project's
 * code-server runner call. Each `*.test.ts` here is bundled to its own `*.test.js` next to this file
 * (npm run build:vscode-tests); they run in a fixed order (activation first) and the promise rejects
 * when any test fails, which the runners turn into a non-zero exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

// suites that leave a new, empty conversation (chatHistory, chatSchema) run before chatView.ui, whose
// conversation the runner's after-reload check expects to find current at the end
const ORDER = ['activation', 'repair', 'diagnostics', 'gateway', 'chat', 'chatHistory.ui', 'chatSchema.ui', 'chatView.ui', 'chatActions.ui', 'inspector.ui', 'outputPanel.ui', 'terminal.ui', 'filters.ui', 'walkthrough.ui', 'breaker.ui', 'models', 'upstreamFaults.ui', 'apiKey', 'apiKey.ui', 'daemonStartFailure.ui', 'daemonCrashAtStart.ui', 'daemonLifecycle'];

export function run(): Promise<void> {
  // STREAMFIX_TEST_GREP (runner: --env STREAMFIX_TEST_GREP=...) runs only the matching tests, for debugging
  const grep = process.env.STREAMFIX_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // *.ui.test.js drive the workbench through the runner's browser, which only the code-server runner has
  const ui = Boolean(process.env.STREAMFIX_UI_DRIVER);
  const found = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (ui || !f.endsWith('.ui.test.js')));
  const rank = (f: string): number => {
    const i = ORDER.indexOf(f.replace(/\.test\.js$/, ''));
    return i < 0 ? ORDER.length : i;
  };
  for (const f of found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} StreamFix extension test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
