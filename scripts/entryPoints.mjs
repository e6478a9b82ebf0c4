// The package's entry points, read from package.json `exports`: the build (tsup.config.ts), the API reports
// (scripts/api-report.mjs) and the size budgets (.size-limit.mjs) all take them from here, so none of them can drift
// from what the package publishes.
import { readFileSync } from 'node:fs'

/**
 * One published entry point.
 *
 * @typedef {object} EntryPoint
 * @property {string} subpath - the subpath in `exports`: `.`, `./records`, `./persistence/testing`, …
 * @property {string} specifier - what a user imports: `leadkit`, `leadkit/records`, …
 * @property {string} name - the build's name for it, also the API report's file name: `index`, `records/index`, …
 * @property {string} source - the barrel it is built from: `src/records/index.ts`
 * @property {string} esm - the built ESM file: `dist/records/index.js`
 * @property {string} types - the built ESM declarations: `dist/records/index.d.ts`
 */

/**
 * Lists the entry points of the package.json at `packageJsonPath`, in the order `exports` lists them.
 *
 * @param {string} [packageJsonPath]
 * @returns {EntryPoint[]}
 * @example
 * entryPoints().map((entry) => entry.specifier) //=> ['leadkit', 'leadkit/records', …]
 */
export function entryPoints(packageJsonPath = 'package.json') {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'))
  const entries = []
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue // ./package.json
    const esm = target.import.default.replace(/^\.\//, '')
    const name = esm.replace(/^dist\//, '').replace(/\.js$/, '')
    entries.push({
      subpath,
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      name,
      source: `src/${name}.ts`,
      esm,
      types: target.import.types.replace(/^\.\//, ''),
    })
  }
  return entries
}
