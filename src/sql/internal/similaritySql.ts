import type { Dialect } from './dialect.js'

// The similarities fuzzy rules compare with (src/duplicates/similarity.ts), as functions a compiled script can
// install: the first building block of fuzzy rules in SQL, which do not compile yet. DuckDB's own
// jaro_similarity / jaro_winkler_similarity are not these: its Jaro matches characters otherwise on some pairs and
// its Winkler boost only applies above 0.7 (test/sql/similarity.test.ts counts the differences), so the script
// brings its own.

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
