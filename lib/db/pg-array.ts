// A whole column of a bulk statement as ONE text parameter: a PostgreSQL array literal for
// `INSERT … SELECT … FROM unnest($1::text[], $2::text[], …)`. A batch of thousands of rows then travels in a
// handful of parameters (Prisma's own array parameters and per-row VALUES are many times slower).
const NEEDS_ESCAPE = /[\\"\u0000]/;

export function textArray(values: readonly (string | null | undefined)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    if (v === null || v === undefined) out += "NULL";
    // Backslash and quote are the only escapes inside quotes; NUL cannot be stored in PostgreSQL text.
    else if (NEEDS_ESCAPE.test(v)) out += `"${v.replace(/\u0000/g, "").replace(/[\\"]/g, "\\$&")}"`;
    else out += `"${v}"`;
  }
  return `${out}}`;
}

/** Column `key` of `rows` as a text[] literal (bigints and numbers as their decimal text). */
export function column<T>(rows: readonly T[], pick: (row: T) => string | bigint | number | null | undefined): string {
  return textArray(rows.map((r) => {
    const v = pick(r);
    return v === null || v === undefined ? null : String(v);
  }));
}

/** SQL for a Prisma DateTime (timestamp(3), UTC) from an epoch-milliseconds text expression, whatever the session's time zone. */
export function utcFromEpochMs(expr: string): string {
  return `(to_timestamp(${expr}::bigint / 1000.0) at time zone 'UTC')`;
}
