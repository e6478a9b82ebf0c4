import { defineConfig } from 'tsup'
import { entryPoints } from './scripts/entryPoints.mjs'

// One entry per subpath of package.json `exports`, so `leadkit/<folder>` loads only that folder and a new subpath
// needs one line in package.json, not one here too.
// The `leadkit` command (package.json `bin`) is built beside them but is no subpath: no entry imports it, so its
// dependencies (csv-parse, cli-progress) load only when the command runs.
const entry = { ...Object.fromEntries(entryPoints().map((point) => [point.name, point.source])), cli: 'src/cli/main.ts' }

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // Source maps were 1.85 MB of the 2.9 MB published package and point at sources the package does not ship.
  sourcemap: false,
  splitting: true,
  treeshake: true,
  target: 'node20',
  external: ['pg', '@electric-sql/pglite', '@duckdb/node-api'],
  // The few date-fns functions scoring uses are bundled: importing date-fns from node_modules, even one function,
  // makes Node read its 199 KB package.json (0.7 MB of heap at import), more than the functions themselves.
  noExternal: ['date-fns'],
})
