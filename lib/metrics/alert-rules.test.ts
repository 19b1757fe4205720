// The shipped Prometheus alerting rules: well formed (groups of rules with alert, expr, a severity and a summary)
// and reading only metrics, and labels, that this code registers — a renamed metric would otherwise silence an
// alert without a word.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

const rulesFile = z.object({
  groups: z.array(z.object({
    name: z.string().min(1),
    rules: z.array(z.object({
      alert: z.string().regex(/^Cashline[A-Za-z]+$/),
      expr: z.string().min(1),
      for: z.string().regex(/^\d+[smh]$/).optional(),
      labels: z.object({ severity: z.enum(["page", "ticket"]) }),
      annotations: z.object({ summary: z.string().min(1), description: z.string().min(1) }),
    }).strict()).min(1),
  })).min(1),
});

describe("Prometheus alert rules", () => {
  const rules = rulesFile.parse(parse(fs.readFileSync(new URL("./alert-rules.yml", import.meta.url), "utf8"))).groups.flatMap((g) => g.rules);
  const source = ["process-metrics.ts", "business-gauges.ts"].map((f) => fs.readFileSync(new URL(`./${f}`, import.meta.url), "utf8")).join("\n");

  it("has unique names and reads only metrics this code registers", () => {
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    const used = new Set(rules.flatMap((r) => r.expr.match(/cashline_[a-z_]+/g) ?? []));
    expect(used.size).toBeGreaterThanOrEqual(6);
    for (const name of used) expect(source, name).toContain(`"${name.replace(/_(bucket|count|sum)$/, "")}"`);
  });

  // A metric's declared label names: from its `name:` to the `registers` that ends its options.
  const labelsOf = (metric: string) => {
    const block = new RegExp(`name: "${metric.replace(/_(bucket|count|sum)$/, "")}"([\\s\\S]*?)registers`).exec(source)?.[1] ?? "";
    return [...(/labelNames: \[([^\]]*)\]/.exec(block)?.[1] ?? "").matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
  };

  it("filters and groups only by labels the metric has", () => {
    for (const r of rules) {
      for (const [, metric, selector] of r.expr.matchAll(/(cashline_[a-z_]+)\{([^}]*)\}/g)) {
        for (const [, label] of selector!.matchAll(/([a-z_]+)\s*=~?/g)) expect(labelsOf(metric!), `${r.alert}: ${metric} has no label ${label}`).toContain(label);
      }
      for (const [, labels] of r.expr.matchAll(/by \(([^)]*)\)/g)) {
        const metrics = r.expr.match(/cashline_[a-z_]+/g) ?? [];
        for (const label of labels!.split(",").map((l) => l.trim()).filter((l) => l !== "le")) {
          const hasIt = metrics.some((m) => labelsOf(m).includes(label));
          expect(hasIt, `${r.alert}: grouped by ${label}, which its metrics lack`).toBe(true);
        }
      }
    }
  });
});
