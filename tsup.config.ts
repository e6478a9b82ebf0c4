import { existsSync, readdirSync, statSync } from 'node:fs'
import { defineConfig } from 'tsup'

// One entry per domain folder that has a barrel, so `leadkit/<folder>` loads only that folder.
const folders = readdirSync('src').filter(
  (name) => name !== 'internal' && statSync(`src/${name}`).isDirectory(),
)
const entry: Record<string, string> = { index: 'src/index.ts' }
for (const folder of folders) {
  if (existsSync(`src/${folder}/index.ts`)) entry[`${folder}/index`] = `src/${folder}/index.ts`
}
if (existsSync('src/adapters/postgres/index.ts')) entry['adapters/postgres/index'] = 'src/adapters/postgres/index.ts'

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
  external: ['pg', '@electric-sql/pglite'],
})
