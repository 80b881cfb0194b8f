// Shared by the JS tests: the built module (web/migcalc.js, made by `cmake --workflow --preset wasm`) and the
// golden fixtures the C++ tests read too.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MODULE_PATH = `${ROOT}web/migcalc.js`;

let loading = null;
/// The wasm core, loaded once per test file.
export function loadCore() {
  if (!existsSync(MODULE_PATH)) throw new Error(`${MODULE_PATH} is missing: build it with cmake --workflow --preset wasm`);
  loading = loading || require(MODULE_PATH)();
  return loading;
}

/// The http build (web/migcalc-http.js + .wasm), given its wasm bytes as browsers would fetch them.
export function loadHttpCore() {
  return require(`${ROOT}web/migcalc-http.js`)({ wasmBinary: readFileSync(`${ROOT}web/migcalc-http.wasm`) });
}

/// The full http build (web/migcalc-full-http.js + .wasm): the core plus exports, imports and the planner.
export function loadFullHttpCore() {
  return require(`${ROOT}web/migcalc-full-http.js`)({ wasmBinary: readFileSync(`${ROOT}web/migcalc-full-http.wasm`) });
}

export function fixture(name) {
  return JSON.parse(readFileSync(`${ROOT}tests/fixtures/${name}`, 'utf8'));
}

export const webLib = (name) => require(`${ROOT}web/lib/${name}.js`);
