// Unseen data: the engine scored on freshly generated receipts (other seeds, extra kinds of noise).
import { describe, expect, it } from "vitest";
import { generateDataset } from "./generate.ts";
import { matchReceipts } from "../cashapp/engine.ts";
import { formatScore, scoreDecisions } from "../cashapp/scoring.ts";

describe("generated data (unseen)", () => {
  it("is deterministic for a seed", () => {
    const a = generateDataset({ seed: 42, customers: 50, openInvoices: 400, receipts: 100, extraNoise: true });
    const b = generateDataset({ seed: 42, customers: 50, openInvoices: 400, receipts: 100, extraNoise: true });
    expect(b).toEqual(a);
    const c = generateDataset({ seed: 43, customers: 50, openInvoices: 400, receipts: 100, extraNoise: true });
    expect(c.receipts).not.toEqual(a.receipts);
  });

  it.each([
    { seed: 101, extraNoise: false },
    { seed: 202, extraNoise: true },
    { seed: 303, extraNoise: true },
  ])("meets the floors on 4,000 generated receipts (seed $seed, extra noise $extraNoise)", ({ seed, extraNoise }) => {
    const data = generateDataset({ seed, customers: 800, openInvoices: 8000, receipts: 4000, extraNoise });
    const score = scoreDecisions(matchReceipts(data, data.receipts), data.truth);
    console.log(formatScore(`generated seed ${seed}`, score));
    expect(score.wrongApplied, "wrongly auto-applied receipts").toEqual([]);
    expect(score.precision).toBeGreaterThanOrEqual(0.999);
    expect(score.automation).toBeGreaterThanOrEqual(0.9);
    expect(score.exceptionRecall).toBeGreaterThanOrEqual(0.99);
  });
});
