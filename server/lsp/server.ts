/**
 * The language server inside the daemon: diagnostics and quick fixes for JSON documents, the custom
 * `streamfix/*` requests, and every gateway event forwarded as a `streamfix/gatewayEvent` notification.
 * `createConnection(ProposedFeatures.all)` picks the transport from argv (`--node-ipc` when started by
 * the extension, `--stdio` in tests and other editors).
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StreamFixError, repairJson } from '../../shared/engine';
import {
  artifactQueryError,
  GatewayEventNotification,
  GatewayInfoMethod,
  GetArtifactMethod,
  ListArtifactsMethod,
  RepairRequestMethod,
} from '../../shared/protocol';
import type {
  Artifact,
  ArtifactQuery,
  ArtifactSummary,
  GatewayEvent,
  GatewayInfo,
  GetArtifactParams,
  GetArtifactResult,
  ListArtifactsParams,
  ListArtifactsResult,
  RepairRequestParams,
  RepairRequestResult,
} from '../../shared/protocol';
import { codeActionsFor } from './codeActions';
import { Validator } from './validator';
import { SettingsCache } from './settings';
import { withMemoryOnly } from '../gateway/memoryOnly';

/** The part of the daemon the language server uses (the gateway's `Daemon` fits it). */
export interface LspDaemon {
  info: GatewayInfo;
  store: { list(limit?: number, query?: ArtifactQuery): ArtifactSummary[]; get(id: string): Promise<Artifact | undefined>; problem?(): string | null };
  events: { subscribe(fn: (e: GatewayEvent) => void): () => void };
  close?(): Promise<void>;
}

/** Most artifacts one `streamfix/listArtifacts` returns. */
const MAX_LIST = 1000;

/** Start the language server on the transport named in argv, serving `daemon`. */
export function startLanguageServer(daemon: LspDaemon): void {
  const connection = createConnection(ProposedFeatures.all);
  serveLanguage(connection, daemon);
  connection.listen();
}

function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/**
 * Run a request handler so that an engine error becomes a typed InvalidParams response and anything
 * unexpected is logged and answered with InternalError, never left to crash the daemon.
 */
function guard<P, R>(connection: Connection, method: string, fn: (p: P) => R): (p: P) => R | ResponseError<void> {
  return (params: P) => {
    try {
      return fn(params);
    } catch (err) {
      if (err instanceof ResponseError) return err;
      if (err instanceof StreamFixError) return invalidParams(`${err.code}: ${err.message}`);
      connection.console.error(`streamfix: ${method} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return new ResponseError(ErrorCodes.InternalError, `${method} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

/** Wire every handler on `connection` (exported so a test or another transport can reuse it). */
export function serveLanguage(connection: Connection, daemon: LspDaemon): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsCache(connection);
  const validator = new Validator(connection, documents, settings);
  let versionedEdits = false;
  let dynamicConfig = false;
  let unsubscribe: (() => void) | undefined;

  connection.onInitialize((params) => {
    const caps = params.capabilities;
    settings.supported = caps.workspace?.configuration === true;
    dynamicConfig = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    versionedEdits = caps.workspace?.workspaceEdit?.documentChanges === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
      },
      serverInfo: { name: 'streamfix', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (settings.supported && dynamicConfig) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'streamfix.diagnostics' })
        .catch((err: unknown) => connection.console.warn(`streamfix: settings changes will not be seen: ${String(err)}`));
    }
    // Events start flowing only after initialize: the protocol forbids notifications before it.
    // A send can fail once the client is gone; that must not become an unhandled rejection that ends
    // the daemon (and the gateway with it), so failures are only counted and reported once.
    let lost = 0;
    unsubscribe = daemon.events.subscribe((event) => {
      connection.sendNotification(GatewayEventNotification, event).catch((err: unknown) => {
        if (lost++ === 0) process.stderr.write(`streamfix: could not forward gateway events to the editor: ${String(err)}\n`);
      });
    });
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    validator.revalidateAll();
  });

  documents.onDidOpen((e) => validator.openNow(e.document));
  documents.onDidChangeContent((e) => validator.schedule(e.document));
  documents.onDidClose((e) => validator.close(e.document.uri));

  connection.onCodeAction(async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const analysis = await validator.analysisFor(doc);
      return analysis ? codeActionsFor(doc, analysis, params, versionedEdits) : [];
    } catch (err) {
      connection.console.error(`streamfix: code actions failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  });

  connection.onRequest(
    RepairRequestMethod,
    guard(connection, RepairRequestMethod, (p: RepairRequestParams): RepairRequestResult => {
      if (!p || typeof p.text !== 'string') throw invalidParams(`${RepairRequestMethod} needs { text: string }`);
      // a whole selection: a value the text corrects later is replaced by its correction
      return repairJson(p.text, { takeCorrections: true });
    }),
  );
  connection.onRequest(
    ListArtifactsMethod,
    guard(connection, ListArtifactsMethod, (p: ListArtifactsParams | undefined): ListArtifactsResult => {
      const limit = p?.limit ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) {
        throw invalidParams(`${ListArtifactsMethod}: limit must be an integer from 1 to ${MAX_LIST}`);
      }
      const query = { status: p?.status, model: p?.model, mode: p?.mode };
      const refused = artifactQueryError(query);
      if (refused !== null) throw invalidParams(`${ListArtifactsMethod}: ${refused}`);
      return daemon.store.list(limit, query).map((s) => withMemoryOnly(daemon.store, s));
    }),
  );
  connection.onRequest(
    GetArtifactMethod,
    guard(connection, GetArtifactMethod, async (p: GetArtifactParams): Promise<GetArtifactResult> => {
      if (!p || typeof p.id !== 'string' || p.id === '') throw invalidParams(`${GetArtifactMethod} needs { id: string }`);
      const a = await daemon.store.get(p.id);
      return a ? withMemoryOnly(daemon.store, a) : null;
    }),
  );
  // the store's problem as it is now: a store event before the editor subscribed (a directory another
  // daemon holds is known at start-up) would be missed otherwise
  connection.onRequest(GatewayInfoMethod, guard(connection, GatewayInfoMethod, (): GatewayInfo => ({ ...daemon.info, storeProblem: daemon.store.problem?.() ?? null })));

  connection.onShutdown(async () => {
    unsubscribe?.();
    validator.dispose();
    // Flush the artifact store before the client's `exit` ends the process.
    try {
      await daemon.close?.();
    } catch (err) {
      connection.console.error(`streamfix: closing the daemon failed: ${String(err)}`);
    }
  });

  documents.listen(connection);
}
