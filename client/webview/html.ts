/**
 * The HTML shell of every StreamFix webview: a strict Content-Security-Policy (nothing remote, scripts
 * only with this page's nonce, styles only from the extension), the bundled script and stylesheet from
 * dist/webview/, and theme colours through the `--vscode-*` variables the stylesheet uses.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export type WebviewName = 'chat' | 'inspector';

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, name: WebviewName, title: string): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(`${name}.css`)}">
<title>${title}</title>
</head>
<body data-streamfix-view="${name}">
<div id="app" role="main" aria-label="${title}"></div>
<script nonce="${nonce}" src="${asset(`${name}.js`)}"></script>
</body>
</html>`;
}
