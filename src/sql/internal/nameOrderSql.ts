import { codePointOrder, fence, type Dialect } from './dialect.js'

// nameOrderOf (src/duplicates/internal/nameOrder.ts) as SQL: the two orders in which an oversized fuzzy block is
// searched by sorted neighbourhood, as the duplicate index sorts it.

/** Characters packed into an order, five bits each (as nameOrder.ts's CHARS). */
const CHARS = 10

/**
 * pack() of the text whose characters' code points are the columns `${prefix}1` … `${prefix}10` (32 for a space past
 * the end): each as a base-32 digit (space 0, a–z 1–26, digits 27–31 two by two, anything else 31), the first the
 * most significant, as a BIGINT.
 */
function packSql(prefix: string): string {
  const digits: string[] = []
  for (let i = 1; i <= CHARS; i += 1) {
    const x = `${prefix}${i}`
    const digit = `CASE WHEN ${x} = 32 THEN 0 WHEN ${x} BETWEEN 97 AND 122 THEN ${x} - 96 ` +
      `WHEN ${x} BETWEEN 48 AND 57 THEN 27 + CAST(floor((${x} - 48) / 2) AS BIGINT) ELSE 31 END`
    digits.push(`CAST(${digit} AS BIGINT) * ${String(32 ** (CHARS - i))}`)
  }
  return digits.join('\n      + ')
}

/** The code points of the first ten characters of `text` (a column), as columns `${prefix}1` … `${prefix}10`. */
function codePointsSql(text: string, prefix: string): string {
  return Array.from({ length: CHARS }, (_, i) => `ascii(substr(${text}, ${i + 1}, 1)) AS ${prefix}${i + 1}`).join(', ')
}

/**
 * A query of `(id, pair_order, surname_order)` for the prepared leads of `leads` (`given`, `surname`: folded, joined,
 * NULL without letters) whose ids `ids` (a query of one column `id`) lists: the pair order packs the formal given name
 * (the first of its groups in `nicknames`, else itself) and the surname, the smaller first; the surname order packs
 * the surname, then the formal given name. Both compare in code-point order, as JavaScript's `<` does on these names.
 */
export function nameOrderSql(d: Dialect, leads: string, nicknames: string, ids: string): string {
  const pad = `'${' '.repeat(CHARS)}'`
  // Each stage fenced (see fence), so the planner does not copy the code points' expressions into
  // every digit.
  const named = fence(
    d,
    `SELECT id, CASE WHEN ${codePointOrder(d, 'g')} <= s THEN g || ' ' || s ELSE s || ' ' || g END || ${pad} AS pair_text,\n` +
      `    s || ' ' || g || ${pad} AS surname_text\n` +
      `  FROM (\n` +
      `    SELECT l.id, coalesce(f.grp, l.given, '') AS g, coalesce(l.surname, '') AS s FROM ${leads} AS l\n` +
      `    LEFT JOIN (SELECT name, min(${codePointOrder(d, 'grp')}) AS grp FROM ${nicknames} GROUP BY name) AS f ON f.name = l.given\n` +
      `    WHERE l.id IN (${ids})\n` +
      `  ) AS n`,
  )
  const points = fence(d, `SELECT id, ${codePointsSql('pair_text', 'p')},\n    ${codePointsSql('surname_text', 's')}\n  FROM (${named}) AS t`)
  return `SELECT id, ${packSql('p')} AS pair_order,\n  ${packSql('s')} AS surname_order\nFROM (${points}) AS c`
}

/**
 * A query of `(id, key, n, rank_pair, rank_surname)`: each row of `blocks` (`id`, `key`) with its block's size `n`,
 * and, in a block of more than `maxBlockSize` records, the record's place (from 1) in each name order, ties by id in
 * code-point order: the order the duplicate index sorts an oversized block in when it files records in id order.
 */
export function blockRanksSql(d: Dialect, blocks: string, leads: string, nicknames: string, maxBlockSize: number): string {
  const id = codePointOrder(d, 's.id')
  return (
    `WITH sized AS (\n` +
    `  SELECT id, key, count(*) OVER (PARTITION BY key) AS n FROM ${blocks}\n` +
    `), orders AS (\n` +
    nameOrderSql(d, leads, nicknames, `SELECT id FROM sized WHERE n > ${maxBlockSize}`) +
    `\n)\n` +
    `SELECT id, key, n, CAST(NULL AS BIGINT) AS rank_pair, CAST(NULL AS BIGINT) AS rank_surname FROM sized WHERE n <= ${maxBlockSize}\n` +
    `UNION ALL\n` +
    `SELECT s.id, s.key, s.n, row_number() OVER (PARTITION BY s.key ORDER BY o.pair_order, ${id}) AS rank_pair,\n` +
    `  row_number() OVER (PARTITION BY s.key ORDER BY o.surname_order, ${id}) AS rank_surname\n` +
    `FROM sized AS s JOIN orders AS o ON o.id = s.id WHERE s.n > ${maxBlockSize}`
  )
}

/**
 * The directed pairs `(base_id, matching_id)` the duplicate index compares under a fuzzy blocking key, from `ranks`
 * ({@link blockRanksSql}): every pair in a block of at most `maxBlockSize` records; in a larger one, the pairs at
 * most `neighbourhood` places apart in either name order. Each neighbour is found by an equality join on (key,
 * place), so an oversized block costs its size times the neighbourhood, not its size squared. As a common table
 * (`near AS (…)`) and the query that reads it, for a caller to join with its own.
 */
export function blockPairsSql(ranks: string, maxBlockSize: number, neighbourhood: number): { readonly with: string; readonly select: string } {
  const offsets = Array.from({ length: neighbourhood }, (_, i) => `(${i + 1})`).join(', ')
  const near = (rank: string): string =>
    `SELECT a.id AS lo, b.id AS hi FROM ${ranks} AS a CROSS JOIN (VALUES ${offsets}) AS o(k)\n` +
    `    JOIN ${ranks} AS b ON b.key = a.key AND b.${rank} = a.${rank} + o.k\n` +
    `    WHERE a.n > ${maxBlockSize}`
  return {
    with: `near AS (\n  ${near('rank_pair')}\n  UNION ALL\n  ${near('rank_surname')}\n)`,
    select:
      `SELECT a.id AS base_id, b.id AS matching_id FROM ${ranks} AS a JOIN ${ranks} AS b ON b.key = a.key AND b.id <> a.id\n` +
      `  WHERE a.n <= ${maxBlockSize} AND b.n <= ${maxBlockSize}\n` +
      `UNION\nSELECT lo AS base_id, hi AS matching_id FROM near\n` +
      `UNION\nSELECT hi AS base_id, lo AS matching_id FROM near`,
  }
}
