// The public scoring data sets of ../shared/data/scoring (see its README) as closed leads: every column but the
// outcome becomes a custom attribute under `extra`, numbers as numbers, blanks left out, as a host would pass them.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createPrng, shuffleInPlace } from '../../src/internal/prng.js'
import type { Lead } from '../../src/records/types.js'

/** Where the shared data sets are, when this checkout has them. */
export const SCORING_DATA_DIR = fileURLToPath(new URL('../../../shared/data/scoring/', import.meta.url))

/** A data set: its file, outcome column and positive class. */
export interface ScoringDataset {
  readonly name: string
  readonly file: string
  readonly outcome: string
  readonly positive: string
}

export const SCORING_DATASETS: readonly ScoringDataset[] = [
  { name: 'attrition', file: 'attrition.csv', outcome: 'Attrition', positive: 'Yes' },
  { name: 'lending_club', file: 'lending_club.csv', outcome: 'Class', positive: 'bad' },
  { name: 'stackoverflow', file: 'stackoverflow.csv', outcome: 'Remote', positive: 'Remote' },
]

/** Whether the shared data sets are here (a fresh clone has no ../shared). */
export function hasScoringData(): boolean {
  return existsSync(SCORING_DATA_DIR)
}

/** Splits one CSV line (quoted fields, no embedded newlines, as these files are). */
function splitCsv(line: string): string[] {
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') (out.push(field), (field = ''))
    else field += c
  }
  out.push(field)
  return out
}

/** The rows of a data set: header, cells (strings, '' for blank) and labels. */
export function readDataset(dataset: ScoringDataset): { header: string[]; rows: string[][]; labels: boolean[] } {
  const lines = readFileSync(`${SCORING_DATA_DIR}${dataset.file}`, 'utf8').split(/\r?\n/).filter((l) => l !== '')
  const header = splitCsv(lines[0] as string)
  const at = header.indexOf(dataset.outcome)
  const rows: string[][] = []
  const labels: boolean[] = []
  for (const line of lines.slice(1)) {
    const cells = splitCsv(line)
    labels.push(cells[at] === dataset.positive)
    rows.push(cells)
  }
  return { header, rows, labels }
}

/** A stratified split: `testShare` of each outcome to the test side, by a seeded shuffle. Returns isTest per row. */
export function stratifiedSplit(labels: readonly boolean[], testShare: number, seed: number): boolean[] {
  const random = createPrng(seed)
  const isTest = labels.map(() => false)
  for (const outcome of [true, false]) {
    const indices = labels.flatMap((label, i) => (label === outcome ? [i] : []))
    shuffleInPlace(indices, random)
    const take = Math.round(indices.length * testShare)
    for (let k = 0; k < take; k++) isTest[indices[k] as number] = true
  }
  return isTest
}

/** Leads of a data set, closed (qualified = positive) for training, or open for scoring, created before `now`. */
export function datasetLeads(dataset: ScoringDataset, now: string): { leads: Lead[]; labels: boolean[]; attributes: string[] } {
  const { header, rows, labels } = readDataset(dataset)
  const nowMs = Date.parse(now)
  const columns = header.filter((name) => name !== dataset.outcome)
  const leads = rows.map((cells, i): Lead => {
    const extra: Record<string, unknown> = {}
    header.forEach((name, c) => {
      if (name === dataset.outcome) return
      const cell = cells[c] ?? ''
      if (cell === '' || cell === 'NA') return
      const number = Number(cell)
      extra[name] = Number.isFinite(number) ? number : cell
    })
    const qualified = labels[i] as boolean
    return {
      id: `${dataset.name}-${i}`,
      createdOn: new Date(nowMs - 40 * 86_400_000).toISOString(),
      modifiedOn: new Date(nowMs - 10 * 86_400_000).toISOString(),
      closedOn: new Date(nowMs - 10 * 86_400_000).toISOString(),
      version: 1,
      lastName: `Lead ${i}`,
      state: qualified ? 'qualified' : 'disqualified',
      statusReason: qualified ? 'qualified' : 'lost',
      extra,
    } as Lead
  })
  return { leads, labels, attributes: columns.map((name) => `extra.${name}`) }
}
