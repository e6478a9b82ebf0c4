// The default lead rules as blocking SQL in DuckDB, for the skewed duplicates benchmark (duplicates-skewed.bench.ts),
// which runs it beside leadkit's index on the same generated leads.
//
// What runs where:
// - In JavaScript, before loading (timed as "prep"): each lead's email normalised (normalizeEmail), its business and
//   mobile phones as E.164 (normalizePhone, defaultRegion US), the company normalised (normalizeCompanyName) and its
//   first 8 characters without spaces, the email's domain when it is not free mail, the name parts folded
//   (normalizePersonName), the given name's nickname groups, the Metaphone key of each part and the sound keys
//   leadkit blocks on (soundsOf). SQL has no Metaphone, and these are the same normalisers leadkit uses, so both
//   sides block and compare on the same values.
// - Loaded from a temporary CSV file with read_csv.
// - In SQL: same email and same phone (business or mobile, either side) become "star" edges from each lead to the
//   smallest lead id sharing the value (the same connected components as every pair, without C(n, 2) rows for a
//   switchboard); the two fuzzy rules are blocked on the keys leadkit uses (company prefix + name sound, business
//   email domain or website domain + name sound), blocks over `maxBlockSize` leads (500, leadkit's default) give no
//   candidates, then each candidate pair is checked with jaro_winkler_similarity and the default thresholds: given
//   names ≥ 0.88 (or nickname-equivalent: 0.95, or the same Metaphone key: 0.9), surnames ≥ 0.9, swapped names, a
//   missing given name decided on the surname; company ≥ 0.88 as the Levenshtein similarity of the normalised names
//   without spaces (leadkit also takes a token-set similarity, which DuckDB lacks) or the same business email
//   domain. Groups are connected components by iterative label propagation (each lead takes the smallest label
//   among its neighbours until nothing changes), as Splink does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nicknameLookup } from '../../src/duplicates/nicknames.js'
import { givenNameGroups } from '../../src/duplicates/nicknames.js'
import { soundsOf } from '../../src/duplicates/internal/blockingHasher.js'
import { normalizeCompanyName } from '../../src/duplicates/normalizeCompanyName.js'
import { emailDomain, normalizeEmail } from '../../src/duplicates/normalizeEmail.js'
import { normalizePersonName } from '../../src/duplicates/normalizePersonName.js'
import { normalizePhone } from '../../src/duplicates/normalizePhone.js'
import { normalizeWebsite } from '../../src/duplicates/normalizeWebsite.js'
import { phoneticKey } from '../../src/duplicates/phonetic.js'
import { isFreeMailDomain } from '../../src/internal/freeMailDomains.js'
import type { Lead } from '../../src/records/types.js'

// The slice of @duckdb/node-api used here. The package is imported by name at run time, so that typechecking and
// `npm test` never need it (a checkout whose node_modules predate the dev dependency still typechecks).
interface DuckDbConnection {
  run(sql: string): Promise<unknown>
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>
  closeSync?(): void
}
interface DuckDbInstance {
  connect(): Promise<DuckDbConnection>
  closeSync?(): void
}
interface DuckDbApi {
  DuckDBInstance: { create(path: string, options?: Record<string, string>): Promise<DuckDbInstance> }
}

export interface DuckdbRulesResult {
  /** The groups found: lead indexes (positions in the leads array). */
  readonly groups: readonly (readonly number[])[]
  /** Seconds per stage, in order. */
  readonly stages: readonly (readonly [string, number])[]
  readonly candidatePairs: number
  readonly fuzzyPairs: number
  readonly exactEdges: number
  readonly iterations: number
  readonly version: string
}

/** Loads @duckdb/node-api, or says why it cannot. */
export async function loadDuckdb(): Promise<DuckDbApi | string> {
  const name = '@duckdb/node-api'
  try {
    return (await import(name)) as DuckDbApi
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? String(error)
  }
}

/**
 * Runs the default lead rules as DuckDB SQL on `leads` and returns the groups (see the file header).
 *
 * @param onStage - called as each stage starts (the benchmark's watchdog names the stage that runs too long)
 */
export async function runDuckdbRules(
  duckdb: DuckDbApi,
  leads: readonly Lead[],
  options: { maxBlockSize?: number; threads?: number; memoryLimit?: string; onStage?: (stage: string) => void } = {},
): Promise<DuckdbRulesResult> {
  const stages: [string, number][] = []
  let stageStart = performance.now()
  let stageName = ''
  const stage = (name: string) => {
    if (stageName !== '') stages.push([stageName, (performance.now() - stageStart) / 1000])
    stageName = name
    stageStart = performance.now()
    if (name !== '') options.onStage?.(name)
  }
  const maxBlockSize = options.maxBlockSize ?? 500
  const dir = mkdtempSync(join(tmpdir(), 'leadkit-duckdb-'))
  try {
    stage('duckdb prep (JS normalisation + CSV)')
    const csv = join(dir, 'leads.csv')
    writeFileSync(csv, leadsCsv(leads))

    stage('duckdb load')
    const instance = await duckdb.DuckDBInstance.create(':memory:', {
      threads: String(options.threads ?? 2),
      memory_limit: options.memoryLimit ?? '8GB',
      temp_directory: join(dir, 'spill'),
    })
    const db = await instance.connect()
    const one = async (sql: string): Promise<unknown> => ((await db.runAndReadAll(sql)).getRows()[0] ?? [])[0]
    const version = String(await one('SELECT version()'))
    await db.run(`
      CREATE TABLE leads AS SELECT * FROM read_csv('${csv}', header = true, quote = '"', escape = '"', nullstr = '',
        columns = {
          'rid': 'INTEGER', 'email': 'VARCHAR', 'phone_b': 'VARCHAR', 'phone_m': 'VARCHAR',
          'first_f': 'VARCHAR', 'last_f': 'VARCHAR', 'first_p': 'VARCHAR', 'last_p': 'VARCHAR', 'first_g': 'VARCHAR',
          'sounds': 'VARCHAR', 'company': 'VARCHAR', 'company_key': 'VARCHAR', 'email_domain': 'VARCHAR',
          'block_domain': 'VARCHAR'
        })`)

    stage('duckdb exact rules (email, phone)')
    await db.run(`
      CREATE TABLE exact_edges AS
      WITH phones AS (
        SELECT rid, phone_b AS phone FROM leads WHERE phone_b IS NOT NULL
        UNION SELECT rid, phone_m FROM leads WHERE phone_m IS NOT NULL
      )
      SELECT a, b FROM (
        SELECT rid AS a, min(rid) OVER (PARTITION BY email) AS b FROM leads WHERE email IS NOT NULL
        UNION ALL
        SELECT rid AS a, min(rid) OVER (PARTITION BY phone) AS b FROM phones
      ) WHERE a <> b`)
    const exactEdges = Number(await one('SELECT count(*) FROM exact_edges'))

    stage('duckdb fuzzy blocking')
    await db.run(`
      CREATE TABLE keys AS
      WITH s AS (
        SELECT rid, unnest(string_split(sounds, '|')) AS sound, company_key, block_domain
        FROM leads WHERE sounds IS NOT NULL
      )
      SELECT rid, 'c|' || company_key || '|' || sound AS k FROM s WHERE company_key IS NOT NULL
      UNION ALL
      SELECT rid, 'd|' || block_domain || '|' || sound AS k FROM s WHERE block_domain IS NOT NULL`)
    await db.run(`
      CREATE TABLE candidates AS
      WITH usable AS (
        SELECT rid, k FROM keys WHERE k IN (SELECT k FROM keys GROUP BY k HAVING count(*) BETWEEN 2 AND ${maxBlockSize})
      )
      SELECT DISTINCT x.rid AS a, y.rid AS b FROM usable x JOIN usable y ON x.k = y.k AND x.rid < y.rid`)
    const candidatePairs = Number(await one('SELECT count(*) FROM candidates'))

    stage('duckdb fuzzy verification (jaro_winkler_similarity)')
    await db.run(`
      CREATE MACRO part_sim(a, b, pa, pb) AS CASE WHEN a = b THEN 1.0
        ELSE greatest(jaro_winkler_similarity(a, b), CASE WHEN pa IS NOT NULL AND pa = pb THEN 0.9 ELSE 0.0 END) END`)
    await db.run(`
      CREATE MACRO given_sim(a, b, pa, pb, ga, gb) AS CASE WHEN a = b THEN 1.0
        ELSE greatest(part_sim(a, b, pa, pb),
          CASE WHEN list_has_any(string_split(ga, '|'), string_split(gb, '|')) THEN 0.95 ELSE 0.0 END) END`)
    await db.run(`
      CREATE MACRO company_sim(a, b) AS CASE WHEN a = b THEN 1.0
        ELSE 1.0 - levenshtein(replace(a, ' ', ''), replace(b, ' ', ''))::DOUBLE
          / greatest(length(replace(a, ' ', '')), length(replace(b, ' ', ''))) END`)
    await db.run(`
      CREATE TABLE fuzzy_edges AS
      SELECT c.a, c.b FROM candidates c JOIN leads x ON x.rid = c.a JOIN leads y ON y.rid = c.b
      WHERE x.last_f IS NOT NULL AND y.last_f IS NOT NULL
        AND ((x.company IS NOT NULL AND y.company IS NOT NULL AND company_sim(x.company, y.company) >= 0.88)
          OR (x.email_domain IS NOT NULL AND x.email_domain = y.email_domain))
        AND CASE WHEN x.first_f IS NULL OR y.first_f IS NULL
            THEN part_sim(x.last_f, y.last_f, x.last_p, y.last_p) >= 0.9
          ELSE (given_sim(x.first_f, y.first_f, x.first_p, y.first_p, x.first_g, y.first_g) >= 0.88
                AND part_sim(x.last_f, y.last_f, x.last_p, y.last_p) >= 0.9)
            OR (part_sim(x.first_f, y.last_f, x.first_p, y.last_p) >= 0.88
                AND part_sim(x.last_f, y.first_f, x.last_p, y.first_p) >= 0.9) END`)
    const fuzzyPairs = Number(await one('SELECT count(*) FROM fuzzy_edges'))

    stage('duckdb connected components (label propagation)')
    await db.run(`
      CREATE TABLE edges AS
      WITH e AS (SELECT a, b FROM exact_edges UNION ALL SELECT a, b FROM fuzzy_edges)
      SELECT a, b FROM e UNION ALL SELECT b, a FROM e`)
    await db.run('CREATE TABLE labels AS SELECT DISTINCT a AS rid, a AS label FROM edges')
    let iterations = 0
    for (;;) {
      iterations += 1
      await db.run(`
        CREATE OR REPLACE TABLE next_labels AS
        SELECT l.rid, least(l.label, coalesce(m.label, l.label)) AS label FROM labels l
        LEFT JOIN (SELECT e.a AS rid, min(n.label) AS label FROM edges e JOIN labels n ON n.rid = e.b GROUP BY e.a) m
          ON m.rid = l.rid`)
      const changed = Number(
        await one('SELECT count(*) FROM labels l JOIN next_labels n USING (rid) WHERE l.label <> n.label'),
      )
      await db.run('DROP TABLE labels')
      await db.run('ALTER TABLE next_labels RENAME TO labels')
      if (changed === 0) break
    }
    const rows = (await db.runAndReadAll('SELECT label, rid FROM labels ORDER BY label, rid')).getRows()
    stage('')
    const groups: number[][] = []
    let current: number[] = []
    let label = -1
    for (const [l, rid] of rows) {
      if (Number(l) !== label) {
        if (current.length > 1) groups.push(current)
        current = []
        label = Number(l)
      }
      current.push(Number(rid))
    }
    if (current.length > 1) groups.push(current)
    db.closeSync?.()
    instance.closeSync?.()
    return { groups, stages, candidatePairs, fuzzyPairs, exactEdges, iterations, version }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The leads as CSV, one row per lead with the values the SQL compares (see the file header). */
function leadsCsv(leads: readonly Lead[]): string {
  const nicknames = nicknameLookup(undefined)
  const companies = new Map<string, string>()
  type Part = { folded: string; phonetic: string; groups: string; sounds: readonly string[] }
  const parts = new Map<string, Part | null>()
  const part = (raw: string | undefined) => {
    if (raw === undefined) return null
    let p = parts.get(raw)
    if (p === undefined) {
      const folded = normalizePersonName(raw, { joinParts: true })
      p = folded === ''
        ? null
        : {
            folded,
            phonetic: phoneticKey(folded),
            groups: givenNameGroups(folded, nicknames).join('|'),
            sounds: soundsOf(raw, nicknames),
          }
      parts.set(raw, p)
    }
    return p
  }
  const q = (v: string | undefined | null) =>
    v === undefined || v === null || v === '' ? '' : `"${v.replaceAll('"', '""')}"`
  const phone = (v: string | undefined) => (v === undefined ? undefined : normalizePhone(v, { defaultRegion: 'US' }))
  const out: string[] = [
    'rid,email,phone_b,phone_m,first_f,last_f,first_p,last_p,first_g,sounds,company,company_key,email_domain,' +
      'block_domain',
  ]
  for (let rid = 0; rid < leads.length; rid += 1) {
    const l = leads[rid] as Lead
    const email = l.email === undefined ? undefined : normalizeEmail(l.email)
    const rawDomain = l.email === undefined ? undefined : emailDomain(l.email)
    const businessDomain = rawDomain !== undefined && !isFreeMailDomain(rawDomain) ? rawDomain : undefined
    let company = l.companyName === undefined ? '' : companies.get(l.companyName)
    if (company === undefined) {
      company = normalizeCompanyName(l.companyName as string)
      companies.set(l.companyName as string, company)
    }
    const first = part(l.firstName)
    const last = part(l.lastName)
    const sounds = [...new Set([...(first?.sounds ?? []), ...(last?.sounds ?? [])])]
    out.push([
      rid,
      q(email),
      q(phone(l.businessPhone)),
      q(phone(l.mobilePhone)),
      q(first?.folded),
      q(last?.folded),
      q(first?.phonetic),
      q(last?.phonetic),
      q(first?.groups),
      q(sounds.join('|')),
      q(company),
      q(company.replaceAll(' ', '').slice(0, 8)),
      q(businessDomain),
      q(businessDomain ?? (l.website === undefined ? undefined : normalizeWebsite(l.website))),
    ].join(','))
  }
  return out.join('\n') + '\n'
}
