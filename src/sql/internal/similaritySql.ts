import type { Dialect } from './dialect.js'

// The similarities fuzzy rules compare with (src/duplicates/similarity.ts), as functions a compiled script can
// install for the compiled name rules. DuckDB's own
// jaro_similarity / jaro_winkler_similarity are not these: its Jaro matches characters otherwise on some pairs and
// its Winkler boost only applies above 0.7 (test/sql/similarity.test.ts shows it), so the script brings its own.

// The PL/pgSQL declarations of both strings capped at 256 characters, their lengths and their characters.
const CHARACTERS = `  sa TEXT := left(a, 256);
  sb TEXT := left(b, 256);
  la INT := char_length(sa);
  lb INT := char_length(sb);
  ca TEXT[];
  cb TEXT[];
`

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
${CHARACTERS}  fa BOOLEAN[];
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

/**
 * The statements that install `tokens(a, b)`, JavaScript's `tokenSetSimilarity(a, b)` (word threshold 0.85), and
 * `distance(a, b)`, the Levenshtein distance of the first 256 characters of each (what levenshteinSimilarity divides),
 * for DuckDB (macros) or PostgreSQL (PL/pgSQL functions), both reading the script's Jaro-Winkler `jaroWinkler`.
 * The company comparison of the name-and-company rule reads them. Words are matched greedily in order, each to the
 * first most similar unused word, and summed in the same order, so results are equal to the bit; characters are
 * code points. DuckDB's own `levenshtein` counts bytes, so it is not used.
 *
 * @example
 * companySimilarityFunctions(DUCKDB, { jaroWinkler: '"jw"', tokens: '"tok"', distance: '"lev"' }) // [CREATE OR REPLACE MACRO …]
 */
export function companySimilarityFunctions(
  d: Dialect,
  names: { readonly jaroWinkler: string; readonly tokens: string; readonly distance: string },
): string[] {
  if (d.name === 'duckdb') {
    return [
      `CREATE OR REPLACE MACRO ${names.tokens}(a, b) AS ${tokenSetDuckdb(names.jaroWinkler)}`,
      `CREATE OR REPLACE MACRO ${names.distance}(a, b) AS ${LEVENSHTEIN_DUCKDB}`,
    ]
  }
  const tokens = `
DECLARE
  wa TEXT[] := array_remove(string_to_array(left(a, 256), ' '), '');
  wb TEXT[] := array_remove(string_to_array(left(b, 256), ' '), '');
  na INT := coalesce(array_length(wa, 1), 0);
  nb INT := coalesce(array_length(wb, 1), 0);
  used BOOLEAN[];
  total DOUBLE PRECISION := 0;
  best DOUBLE PRECISION;
  s DOUBLE PRECISION;
  bi INT;
  w TEXT;
BEGIN
  IF a = b THEN RETURN 1; END IF;
  IF na = 0 OR nb = 0 THEN RETURN CASE WHEN na = nb THEN 1 ELSE 0 END; END IF;
  used := array_fill(FALSE, ARRAY[nb]);
  FOREACH w IN ARRAY wa LOOP
    best := 0;
    bi := 0;
    FOR j IN 1..nb LOOP
      CONTINUE WHEN used[j];
      s := CASE WHEN w = wb[j] THEN 1 ELSE ${names.jaroWinkler}(w, wb[j]) END;
      IF s > best THEN
        best := s;
        bi := j;
        EXIT WHEN s = 1;
      END IF;
    END LOOP;
    IF bi > 0 AND best >= 0.85::DOUBLE PRECISION THEN
      used[bi] := TRUE;
      total := total + best;
    END IF;
  END LOOP;
  RETURN (2 * total) / (na + nb);
END`
  const distance = `
DECLARE
${CHARACTERS}  prev INT[];
  cur INT[];
BEGIN
  IF la = 0 THEN RETURN lb; END IF;
  IF lb = 0 THEN RETURN la; END IF;
  ca := regexp_split_to_array(sa, '');
  cb := regexp_split_to_array(sb, '');
  prev := ARRAY(SELECT generate_series(0, lb));
  FOR i IN 1..la LOOP
    cur := ARRAY[i];
    FOR j IN 1..lb LOOP
      cur := cur || least(prev[j + 1] + 1, cur[j] + 1, prev[j] + CASE WHEN ca[i] = cb[j] THEN 0 ELSE 1 END);
    END LOOP;
    prev := cur;
  END LOOP;
  RETURN prev[lb + 1];
END`
  const head = 'LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS'
  return [
    `CREATE OR REPLACE FUNCTION ${names.tokens}(a TEXT, b TEXT) RETURNS DOUBLE PRECISION ${head} ${d.literal(tokens)}`,
    `CREATE OR REPLACE FUNCTION ${names.distance}(a TEXT, b TEXT) RETURNS INT ${head} ${d.literal(distance)}`,
  ]
}

// tw: both word lists; ts: the state ({ u: '0'/'1' flags of b's words used, t: the total, w: the word read });
// sc: the word's similarity to each of b's words (-1 for a used one).
function tokenSetDuckdb(jaroWinkler: string): string {
  return `(
  CASE WHEN a = b THEN CAST(1 AS DOUBLE)
  ELSE list_transform([{'wa': list_filter(string_split(substr(a, 1, 256), ' '), lambda tv: tv <> ''),
                        'wb': list_filter(string_split(substr(b, 1, 256), ' '), lambda tv: tv <> '')}], lambda tw:
    CASE WHEN len(tw.wa) = 0 OR len(tw.wb) = 0 THEN CASE WHEN len(tw.wa) = len(tw.wb) THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END
    ELSE (2 * list_reduce(list_transform(tw.wa, lambda tv: {'u': '', 't': CAST(0 AS DOUBLE), 'w': tv}),
      lambda ts, te: list_transform([list_transform(range(1, len(tw.wb) + 1), lambda tq:
          CASE WHEN substr(ts.u, tq, 1) = '1' THEN CAST(-1 AS DOUBLE) WHEN te.w = tw.wb[tq] THEN CAST(1 AS DOUBLE)
          ELSE ${jaroWinkler}(te.w, tw.wb[tq]) END)], lambda sc:
        CASE WHEN list_max(sc) > 0 AND list_max(sc) >= CAST(0.85 AS DOUBLE)
          THEN {'u': substr(ts.u, 1, list_position(sc, list_max(sc)) - 1) || '1' || substr(ts.u, list_position(sc, list_max(sc)) + 1),
                't': ts.t + list_max(sc), 'w': te.w}
          ELSE {'u': ts.u, 't': ts.t, 'w': te.w} END)[1],
      {'u': repeat('0', len(tw.wb)), 't': CAST(0 AS DOUBLE), 'w': ''}).t) / (len(tw.wa) + len(tw.wb))
    END)[1]
  END)`
}

// ls: the previous row of the distance table and the row's number; lr: the row being built, cell by cell.
const LEVENSHTEIN_DUCKDB = `(
  list_transform([{'sa': substr(a, 1, 256), 'sb': substr(b, 1, 256)}], lambda ld:
    list_reduce(list_transform(range(1, length(ld.sa) + 1), lambda li: {'row': CAST([] AS BIGINT[]), 'i': li}),
      lambda ls, le: {'row': list_reduce(list_transform(range(1, length(ld.sb) + 1), lambda lj: [lj]),
          lambda lr, lc: list_append(lr, least(ls.row[lc[1] + 1] + 1, lr[lc[1]] + 1,
            ls.row[lc[1]] + CASE WHEN substr(ld.sa, le.i, 1) = substr(ld.sb, lc[1], 1) THEN 0 ELSE 1 END)),
          [le.i]), 'i': le.i},
      {'row': range(0, length(ld.sb) + 1), 'i': CAST(0 AS BIGINT)}).row[length(ld.sb) + 1])[1]
)`

/**
 * JavaScript's `jaroWinkler(a, b)` as one Spark SQL expression (Spark SQL has no functions a script can define):
 * the DuckDB macro's algorithm with Spark's higher-order functions — `aggregate` over the first string's characters
 * for Jaro's greedy matching, then the transpositions, the same floating-point operations in the same order and the
 * prefix of up to 4. `a` and `b` are read several times: columns or lambda variables. Grammar-checked; no Spark runs
 * here to execute it.
 *
 * @example
 * sparkJaroWinkler('a_name', 'b_name') // CASE WHEN a_name = b_name THEN CAST(1 AS DOUBLE) …
 */
export function sparkJaroWinkler(a: string, b: string): string {
  // s: both strings capped at 256; g: their lengths and Jaro's window; st: the matching state (fb: '0'/'1' flags of
  // b, ma: matched characters of a in order); f: the free matching positions of b in the window; r: the final
  // state; x: m and b's matched characters in order; jv: Jaro.
  const window = 'CASE WHEN greatest(1, i - g.w) <= least(g.lb, i + g.w) THEN sequence(greatest(1, i - g.w), least(g.lb, i + g.w)) ELSE CAST(array() AS ARRAY<INT>) END'
  return `(
  CASE WHEN ${a} = ${b} THEN CAST(1 AS DOUBLE)
  WHEN char_length(${a}) = 0 OR char_length(${b}) = 0 THEN CAST(0 AS DOUBLE)
  ELSE element_at(transform(array(named_struct('sa', substring(${a}, 1, 256), 'sb', substring(${b}, 1, 256))), s ->
    element_at(transform(array(named_struct('la', char_length(s.sa), 'lb', char_length(s.sb),
        'w', greatest(0, greatest(char_length(s.sa), char_length(s.sb)) div 2 - 1))), g ->
      element_at(transform(array(aggregate(sequence(1, g.la), named_struct('fb', repeat('0', g.lb), 'ma', CAST(array() AS ARRAY<STRING>)),
        (st, i) -> element_at(transform(array(filter(${window},
            jj -> substring(st.fb, jj, 1) = '0' AND substring(s.sb, jj, 1) = substring(s.sa, i, 1))), f ->
          CASE WHEN size(f) > 0
            THEN named_struct('fb', concat(substring(st.fb, 1, f[0] - 1), '1', substring(st.fb, f[0] + 1)), 'ma', concat(st.ma, array(substring(s.sa, i, 1))))
            ELSE st END), 1))), r ->
        element_at(transform(array(named_struct('m', size(r.ma),
            'mb', filter(transform(sequence(1, g.lb), q -> CASE WHEN substring(r.fb, q, 1) = '1' THEN substring(s.sb, q, 1) END), c -> c IS NOT NULL))), x ->
          CASE WHEN x.m = 0 THEN CAST(0 AS DOUBLE) ELSE
            element_at(transform(array((CAST(x.m AS DOUBLE) / g.la + CAST(x.m AS DOUBLE) / g.lb
                + (x.m - CAST(size(filter(sequence(1, x.m), k -> r.ma[k - 1] <> x.mb[k - 1])) AS DOUBLE) / 2) / x.m) / 3), jv ->
              CASE WHEN jv = 0 OR jv = 1 THEN jv
              ELSE jv + size(filter(sequence(1, least(4, g.la, g.lb)), p -> substring(s.sa, 1, p) = substring(s.sb, 1, p))) * CAST(0.1 AS DOUBLE) * (1 - jv) END), 1)
          END), 1)), 1)), 1)), 1)
  END)`
}
