#!/usr/bin/env node
// The package's `bin`: a tiny launcher for the bundled CLI, which `npm run build` (run by `prepare`
// on `npm ci`) writes to dist/cli.js.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`streamfix: ${cli} is missing; run npm run build\n`);
  process.exit(2);
}
require(cli)
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
