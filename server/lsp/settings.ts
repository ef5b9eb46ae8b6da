/**
 * Language-server settings, read from the client with `workspace/configuration` (section
 * `streamfix.diagnostics`, per document) and cached until `workspace/didChangeConfiguration`.
 * Only the diagnostics sub-section is requested so the API key setting never travels to the server
 * through this path.
 */
import type { Connection } from 'vscode-languageserver/node';

export interface DiagnosticsSettings {
  /** Report repairs as diagnostics at all. */
  enable: boolean;
  /** Wait this long after the last change before re-checking a document. */
  debounceMs: number;
  /** In `jsonc` documents, also report trailing commas (VS Code's jsonc accepts them, so off by default). */
  jsoncTrailingCommas: boolean;
}

export const DEFAULT_SETTINGS: DiagnosticsSettings = { enable: true, debounceMs: 200, jsoncTrailingCommas: false };

/** Clamp whatever the client sent into a valid settings object: a bad value falls back to its default. */
export function normalizeSettings(raw: unknown): DiagnosticsSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const debounce = o.debounceMs;
  return {
    enable: typeof o.enable === 'boolean' ? o.enable : DEFAULT_SETTINGS.enable,
    debounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0
        ? Math.min(debounce, 10_000)
        : DEFAULT_SETTINGS.debounceMs,
    jsoncTrailingCommas:
      typeof o.jsoncTrailingCommas === 'boolean' ? o.jsoncTrailingCommas : DEFAULT_SETTINGS.jsoncTrailingCommas,
  };
}

/**
 * Per-document settings cache. `get` asks the client once per URI; `clear` (on didChangeConfiguration)
 * forgets everything so the next `get` asks again. Clients without the configuration capability get
 * the defaults.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<DiagnosticsSettings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<DiagnosticsSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'streamfix.diagnostics' })
        .then(normalizeSettings, (err: unknown) => {
          this.connection.console.warn(`streamfix: could not read settings, using defaults: ${String(err)}`);
          return DEFAULT_SETTINGS;
        });
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
