import type { Dialect } from './dialect.js'

// The similarities fuzzy rules compare with (src/duplicates/similarity.ts), as functions a compiled script can
// install: the first building block of fuzzy rules in SQL, which do not compile yet. DuckDB's own
// jaro_similarity / jaro_winkler_similarity are not these: its Jaro matches characters otherwise on some pairs and
// its Winkler boost only applies above 0.7 (test/sql/similarity.test.ts shows it), so the script brings its own.

/**
 * The statement that installs `name(a TEXT, b TEXT) RETURNS DOUBLE PRECISION`, JavaScript's `jaroWinkler` for
 * PostgreSQL (PL/pgSQL): the same greedy matching in the same order, the same window, the first 256 characters, a
 * common prefix of up to 4 with scale 0.1, and the same floating-point operations in the same order, so results are
 * equal to the bit. Characters are code points (JS counts UTF-16 units: text outside the BMP can differ).
 *
 * @example
 * postgresJaroWinklerFunction(POSTGRES, '"leadkit_jaro_winkler"') // CREATE OR REPLACE FUNCTION "leadkit_jaro_winkler" …
 */
export function postgresJaroWinklerFunction(d: Dialect, name: string): string {
  const body = `
DECLARE
  sa TEXT := left(a, 256);
  sb TEXT := left(b, 256);
  la INT := char_length(sa);
  lb INT := char_length(sb);
  ca TEXT[];
  cb TEXT[];
  fa BOOLEAN[];
  fb BOOLEAN[];
  win INT;
  m INT := 0;
  t INT := 0;
  k INT := 1;
  lo INT;
  hi INT;
  j DOUBLE PRECISION;
  p INT := 0;
BEGIN
  IF a = b THEN RETURN 1; END IF;
  IF la = 0 OR lb = 0 THEN RETURN 0; END IF;
  ca := regexp_split_to_array(sa, '');
  cb := regexp_split_to_array(sb, '');
  fa := array_fill(FALSE, ARRAY[la]);
  fb := array_fill(FALSE, ARRAY[lb]);
  win := greatest(0, greatest(la, lb) / 2 - 1);
  FOR i IN 1..la LOOP
    lo := greatest(1, i - win);
    hi := least(lb, i + win);
    FOR jj IN lo..hi LOOP
      IF NOT fb[jj] AND cb[jj] = ca[i] THEN
        fa[i] := TRUE;
        fb[jj] := TRUE;
        m := m + 1;
        EXIT;
      END IF;
    END LOOP;
  END LOOP;
  IF m = 0 THEN RETURN 0; END IF;
  FOR i IN 1..la LOOP
    IF fa[i] THEN
      WHILE NOT fb[k] LOOP k := k + 1; END LOOP;
      IF ca[i] <> cb[k] THEN t := t + 1; END IF;
      k := k + 1;
    END IF;
  END LOOP;
  j := (m::DOUBLE PRECISION / la + m::DOUBLE PRECISION / lb + (m - t::DOUBLE PRECISION / 2) / m) / 3;
  IF j = 0 OR j = 1 THEN RETURN j; END IF;
  WHILE p < least(4, la, lb) AND ca[p + 1] = cb[p + 1] LOOP p := p + 1; END LOOP;
  RETURN j + p * 0.1::DOUBLE PRECISION * (1 - j);
END`
  return (
    `CREATE OR REPLACE FUNCTION ${name}(a TEXT, b TEXT) RETURNS DOUBLE PRECISION LANGUAGE plpgsql IMMUTABLE STRICT ` +
    `PARALLEL SAFE AS ${d.literal(body)}`
  )
}

/**
 * The statement that installs `name(a, b)`, JavaScript's `jaroWinkler` as a DuckDB macro: Jaro's greedy matching
 * is a `list_reduce` over the first string's characters whose state is the second string's match flags and the
 * matched characters; then transpositions, the same floating-point operations in the same order (0.1 as a DOUBLE,
 * not DuckDB's DECIMAL literal), and the prefix of up to 4. Equal to the bit; characters are code points.
 *
 * @example
 * duckdbJaroWinklerMacro('"leadkit_jaro_winkler"') // CREATE OR REPLACE MACRO "leadkit_jaro_winkler"(a, b) AS …
 */
export function duckdbJaroWinklerMacro(name: string): string {
  return `CREATE OR REPLACE MACRO ${name}(a, b) AS ${JARO_WINKLER_DUCKDB}`
}

// s: both strings capped at 256; st: the matching state ({ fb: '0'/'1' flags of b, ma: matched characters of a in
// order, i: the position read }); r: the final state; x: m and b's matched characters in order; jv: Jaro.
const JARO_WINKLER_DUCKDB = `(
  CASE WHEN a = b THEN CAST(1 AS DOUBLE)
  WHEN length(a) = 0 OR length(b) = 0 THEN CAST(0 AS DOUBLE)
  ELSE list_transform([{'sa': substr(a, 1, 256), 'sb': substr(b, 1, 256)}], lambda s:
    list_transform([list_reduce(list_transform(range(1, length(s.sa) + 1), lambda n: {'fb': '', 'ma': CAST([] AS VARCHAR[]), 'i': n}),
      lambda st, el: list_transform([coalesce(list_filter(
          range(greatest(1, el.i - greatest(0, greatest(length(s.sa), length(s.sb)) // 2 - 1)),
                least(length(s.sb), el.i + greatest(0, greatest(length(s.sa), length(s.sb)) // 2 - 1)) + 1),
          lambda jj: substr(st.fb, jj, 1) = '0' AND substr(s.sb, jj, 1) = substr(s.sa, el.i, 1))[1], 0)],
        lambda j: CASE WHEN j > 0 THEN {'fb': substr(st.fb, 1, j - 1) || '1' || substr(st.fb, j + 1), 'ma': list_append(st.ma, substr(s.sa, el.i, 1)), 'i': el.i} ELSE st END)[1],
      {'fb': repeat('0', length(s.sb)), 'ma': CAST([] AS VARCHAR[]), 'i': CAST(0 AS BIGINT)})], lambda r:
      list_transform([{'m': len(r.ma), 'mb': list_filter(list_transform(range(1, length(s.sb) + 1), lambda q: CASE WHEN substr(r.fb, q, 1) = '1' THEN substr(s.sb, q, 1) END), lambda c: c IS NOT NULL)}], lambda x:
        CASE WHEN x.m = 0 THEN CAST(0 AS DOUBLE) ELSE
          list_transform([(CAST(x.m AS DOUBLE) / length(s.sa) + CAST(x.m AS DOUBLE) / length(s.sb) + (x.m - CAST(len(list_filter(range(1, x.m + 1), lambda k: r.ma[k] <> x.mb[k])) AS DOUBLE) / 2) / x.m) / 3], lambda jv:
            CASE WHEN jv = 0 OR jv = 1 THEN jv ELSE jv + len(list_filter(range(1, least(4, length(s.sa), length(s.sb)) + 1), lambda p: substr(s.sa, 1, p) = substr(s.sb, 1, p))) * CAST(0.1 AS DOUBLE) * (1 - jv) END)[1]
        END)[1])[1])[1]
  END)`
