// COPY text format against a real database: every awkward value comes back as it went in (NUL, which text cannot
// hold, is dropped), null stays null and the two-character string \N stays a string.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { useFreshDatabase } from "../testing/test-database.ts";
import { copyInto, copyLine } from "./copy-rows.ts";

const db = useFreshDatabase();

describe("copyLine / copyInto", () => {
  it("writes tab-separated fields, \\N for null and backslash escapes", () => {
    expect(copyLine(["a", null, "b\tc", "d\\e", "f\ng\rh", undefined])).toBe("a\t\\N\tb\\tc\td\\\\e\tf\\ng\\rh\t\\N\n");
  });

  it("round-trips awkward text through COPY", async () => {
    const values = ["plain", "tab\there", "new\nline", "cr\rlf\r\n", "back\\slash", "\\N", "", "Müller – 東京 😀", "nul\u0000byte", null];
    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    try {
      await client.query("create temp table copy_probe (n int, v text)");
      await copyInto(client, "copy_probe", ["n", "v"], values.map((v, i) => copyLine([String(i), v])).join(""));
      const { rows } = await client.query<{ v: string | null }>("select v from copy_probe order by n");
      expect(rows.map((r) => r.v)).toEqual(values.map((v) => (v === null ? null : v.replace(/\u0000/g, ""))));
    } finally {
      await client.end();
    }
  });
});
