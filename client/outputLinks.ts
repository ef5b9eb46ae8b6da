/**
 * Links from the output panel to the artifact inspector. Output channels linkify only http(s) and file
 * URIs themselves; a document link provider on the `output` scheme turns the `[open in inspector]` text
 * of a repair or finished line into a `command:` link, which opens in VS Code, VSCodium and code-server
 * alike (a `vscode://` URI needs the desktop's protocol handler, and code-server's scheme differs). The
 * URI handler serves `vscode://streamfix.streamfix/artifact?id=sfx_…` for links from outside the editor.
 */
import * as vscode from 'vscode';
import { inspectorLink } from './eventFormat';

/** `command:streamfix.openArtifact?["<id>"]`, what the link opens. */
export function inspectorCommandUri(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:streamfix.openArtifact?${encodeURIComponent(JSON.stringify([id]))}`);
}

class InspectorLinks implements vscode.DocumentLinkProvider {
  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const hit = inspectorLink(doc.lineAt(i).text);
      if (!hit) continue;
      const link = new vscode.DocumentLink(new vscode.Range(i, hit.start, i, hit.end), inspectorCommandUri(hit.id));
      link.tooltip = `Open ${hit.id} in the StreamFix artifact inspector`;
      links.push(link);
    }
    return links;
  }
}

/** The artifact id of a `…/artifact?id=sfx_…` URI, or undefined. */
export function artifactIdFromUri(uri: vscode.Uri): string | undefined {
  if (uri.path.replace(/^\/+/, '') !== 'artifact') return undefined;
  const id = new URLSearchParams(uri.query).get('id');
  return id && /^sfx_[\w-]+$/.test(id) ? id : undefined;
}

export function registerOutputLinks(open: (id: string) => Promise<void>): vscode.Disposable[] {
  return [
    vscode.languages.registerDocumentLinkProvider({ scheme: 'output' }, new InspectorLinks()),
    vscode.window.registerUriHandler({
      handleUri: async (uri) => {
        const id = artifactIdFromUri(uri);
        if (!id) return void vscode.window.showErrorMessage(`StreamFix: not an artifact link: ${uri.toString()}`);
        await open(id);
      },
    }),
  ];
}
