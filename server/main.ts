/**
 * The daemon process entry (built to dist/main.js; `npm start`). Standalone it runs the gateway; started
 * by the VS Code extension with --node-ipc or --stdio it also serves the language server on that
 * channel (and then never writes to stdout, which may be the LSP pipe).
 */
import { runDaemonCli } from './daemon';

void runDaemonCli(process.argv.slice(2), {
  async onStarted(daemon) {
    if (!daemon.config.lsp) return;
    // Over --stdio, vscode-languageserver ends the process when stdin ends. Over --node-ipc (the extension's
    // transport) nothing does: its reader waits for a 'close' event the process never emits, and the watchdog
    // ends the daemon only once the editor's process is gone. So a closed IPC channel with the editor alive
    // leaves a daemon no editor hears: /health says so. Watched from here, before the language server loads
    // (a channel closed while it loads would be missed), and checked at once in case it has closed already.
    if (typeof process.send === 'function') {
      if (!process.connected) daemon.lspClosed();
      else process.once('disconnect', () => daemon.lspClosed());
    }
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
