/**
 * The daemon process entry (built to dist/main.js; `npm start`). Standalone it runs the gateway; started
 * by the VS Code extension with --node-ipc or --stdio it also serves the language server on that
 * channel (and then never writes to stdout, which may be the LSP pipe).
 */
import { runDaemonCli } from './daemon';

void runDaemonCli(process.argv.slice(2), {
  async onStarted(daemon) {
    if (!daemon.config.lsp) return;
    let lsp: typeof import('./lsp/server');
    try {
      lsp = await import('./lsp/server');
    } catch (e) {
      process.stderr.write(`streamfix: the language server could not be loaded: ${(e as Error).message}\n`);
      process.exit(1);
    }
    lsp.startLanguageServer(daemon);
  },
}).catch((e: unknown) => {
  process.stderr.write(`streamfix: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
