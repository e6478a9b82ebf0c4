// The character table the SQL name normalisers apply (src/sql/internal/foldTable.ts) is what foldText does on this
// Node: regenerate it with `npx tsx scripts/generate-fold-table.ts` when this fails after a Node (Unicode) upgrade.
import { describe, expect, it } from 'vitest'
import * as table from '../../src/sql/internal/foldTable.js'
import { computeFoldTable } from '../support/foldTable.js'

describe('foldText table for SQL', () => {
  it('matches foldText on every code point above ASCII', () => {
    const fresh = computeFoldTable()
    expect(table.FOLD_ONE_FROM).toBe(fresh.oneFrom)
    expect(table.FOLD_ONE_TO).toBe(fresh.oneTo)
    expect(table.FOLD_DROP).toBe(fresh.drop)
    expect(table.FOLD_MULTI).toEqual(fresh.multi)
    expect(table.FOLD_KEEP).toEqual(fresh.keep.flat())
    expect([...table.FOLD_ONE_FROM].length).toBe([...table.FOLD_ONE_TO].length)
  }, 60_000)
})
