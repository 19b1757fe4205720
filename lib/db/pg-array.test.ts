import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "./client.ts";
import { column, textArray } from "./pg-array.ts";

useFreshDatabase();
afterAll(() => getDb().$disconnect());

describe("text[] literals for unnest", () => {
  it("round-trips nulls, quotes, backslashes, commas, braces, newlines and unicode through PostgreSQL", async () => {
    const values = ["plain", null, 'say "hi"', "back\\slash", "a,b", "{braces}", "multi\nline", "Müller & Co", "", "NULL", "nul\u0000byte"];
    const rows = await getDb().$queryRawUnsafe<{ v: string | null }[]>(`select v from unnest($1::text[]) with ordinality as t(v, n) order by n`, textArray(values));
    expect(rows.map((r) => r.v)).toEqual([...values.slice(0, -1), "nulbyte"]);
  });
  it("takes a column of objects, bigints as text", () => {
    expect(column([{ a: 1n }, { a: null }, { a: -5n }], (r) => r.a)).toBe('{"1",NULL,"-5"}');
  });
});
