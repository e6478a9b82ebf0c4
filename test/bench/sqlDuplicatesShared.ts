// What the SQL duplicates benchmark (sqlDuplicates.bench.ts) and its DuckDB child (sqlDuplicatesDuckdb.ts) share:
// the rules, as the JSON an admin would write, and the CSV's columns.

/** The compilable rules the benchmark runs on every engine: two keyed rules and one matchcode rule. */
export const RULES_JSON = [
  {
    kind: 'keyed', name: 'Leads with the same email address', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['email'],
    normalizer: 'email', maxSharedBy: 10, excludeInactiveMatchingRecords: true,
  },
  {
    kind: 'keyed', name: 'Leads with the same website', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['website'],
    normalizer: 'website', maxSharedBy: 10, excludeInactiveMatchingRecords: true,
  },
  {
    kind: 'matchcode', name: 'Same surname, initial and company', baseEntity: 'lead', matchingEntity: 'lead',
    excludeInactiveMatchingRecords: true,
    conditions: [
      { baseField: 'lastName', operator: 'exact' },
      { baseField: 'firstName', operator: 'same-first-characters', characters: 1 },
      { baseField: 'companyName', operator: 'exact' },
    ],
  },
] as const

/** The CSV's columns, in order. */
export const COLUMNS = ['id', 'firstName', 'lastName', 'email', 'website', 'companyName', 'state'] as const

/** What the DuckDB child prints as its last line of stdout (JSON). */
export interface DuckdbChildReport {
  readonly wallSeconds: number
  /** User + system CPU seconds of the whole child process (DuckDB's threads included) during the run. */
  readonly cpuSeconds: number
  /** Peak resident set size of the child, in KiB (process.resourceUsage().maxRSS), at the end of the run. */
  readonly peakRssKb: number
  /** The same, before DuckDB was opened: Node, tsx and the modules loaded. */
  readonly baselineRssKb: number
  readonly records: number
  readonly pairs: number
  readonly clusters: number
  readonly iterations: number
  readonly memoryLimit: string
  readonly threads: number
}
