// Guards the role matrix: a page or API route that is not registered would escape the 401/403 tests.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAGES, PUBLIC_PAGES } from "./pages.ts";
import { allOperations } from "../api/operations.ts";

const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string, name: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    return d.isDirectory() ? walk(rel, name) : d.name === name ? [rel] : [];
  });
}

function routePath(file: string): string {
  return "/" + path.dirname(file).split(path.sep).slice(1).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
}

describe("route registry", () => {
  it("lists every page with its area", () => {
    const files = walk("app", "page.tsx").sort();
    expect(files).toEqual([...PAGES.map((p) => p.file), ...PUBLIC_PAGES].sort());
  });

  it("has an operation (method, path, access) for every exported handler of every API route", () => {
    const files = walk("app/api", "route.ts").filter((f) => !f.includes("[...nextauth]"));
    const declared = new Set(allOperations.map((o) => `${o.method} ${o.path}`));
    const found: string[] = [];
    for (const f of files) {
      const src = fs.readFileSync(path.join(root, f), "utf8");
      for (const m of src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${m[1]} ${routePath(f)}`);
    }
    expect(found.length).toBeGreaterThan(5);
    for (const f of found) expect(declared, f).toContain(f);
    expect(new Set(found).size).toBe(declared.size);
  });
});
