// The published list must name every event type the code records, or subscribers could not ask for it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "./event-types.ts";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" || d.name === "demo" ? [] : sources(p);
    return d.name.endsWith(".ts") && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("event types", () => {
  it("lists every workflow event type recorded in lib/", () => {
    const found = new Set<string>();
    for (const file of sources(path.resolve(import.meta.dirname, ".."))) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:eventType|\btype): "([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]!);
      for (const m of text.matchAll(/lineage\(ctx, "([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]!);
    }
    const listed = new Set<string>(EVENT_TYPES);
    const emitted = [...found].filter((t) => !/^(webhook|charge|payment_intent|customer\.created|billing|stripe)/.test(t));
    expect(emitted.filter((t) => !listed.has(t))).toEqual([]);
    expect(emitted.length).toBeGreaterThan(20);
  });
});
