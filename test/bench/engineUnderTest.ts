/**
 * The engine the benchmark times: the built bundle (dist/engine.cjs, what `streamfix/engine` users
 * load), not the TypeScript source. Under tsx each source module's imported constants become getter
 * calls on a CommonJS exports object, which makes the source run an order of magnitude slower than
 * the bundle and would misreport the engine. `npm run bench` builds first.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as Engine from '../../shared/engine';

const bundle = path.join(__dirname, '..', '..', 'dist', 'engine.cjs');
if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build (npm run bench does)`);

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const engine = require(bundle) as typeof Engine;
