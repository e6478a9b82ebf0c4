// Writes src/sql/internal/foldTable.ts, foldText's character table for the SQL normalisers: `npx tsx scripts/generate-fold-table.ts`.
import { writeFileSync } from 'node:fs'
import { computeFoldTable, foldTableSource } from '../test/support/foldTable.js'

writeFileSync(new URL('../src/sql/internal/foldTable.ts', import.meta.url), foldTableSource(computeFoldTable()))
