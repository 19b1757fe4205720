import { describe, expect, it } from "vitest";
import { scoreDecisions, type ScoredDecision, type TruthRecord } from "./scoring.ts";

const truth = (applications: TruthRecord["applications"]): TruthRecord => ({ receipt_id: "r1", expect: "applied", applications, codes: [] });
const applied = (applications: ScoredDecision["applications"]): ScoredDecision => ({ receipt_id: "r1", outcome: "applied", applications, exception_code: null });

describe("scoring applications", () => {
  it("compares amounts by value, one invoice or several, in any order", () => {
    const one = scoreDecisions([applied([{ invoice_id: "i1", amount: "1655.050" }])], [truth([{ invoice_id: "i1", amount: "1655.05" }])]);
    expect(one.correctApplied).toBe(1);
    const many = scoreDecisions(
      [applied([{ invoice_id: "i2", amount: "10" }, { invoice_id: "i1", amount: "007.50" }])],
      [truth([{ invoice_id: "i1", amount: "7.5" }, { invoice_id: "i2", amount: "10.00" }])],
    );
    expect(many.correctApplied).toBe(1);
  });

  it("counts a wrong invoice or a wrong amount as a wrong application", () => {
    const wrongInvoice = scoreDecisions([applied([{ invoice_id: "i2", amount: "5.00" }])], [truth([{ invoice_id: "i1", amount: "5.00" }])]);
    expect(wrongInvoice).toMatchObject({ autoApplied: 1, correctApplied: 0, wrongApplied: ["r1"] });
    const wrongAmount = scoreDecisions([applied([{ invoice_id: "i1", amount: "5.01" }])], [truth([{ invoice_id: "i1", amount: "5.00" }])]);
    expect(wrongAmount.correctApplied).toBe(0);
    const missing = scoreDecisions([applied([{ invoice_id: "i1", amount: "5.00" }])], [truth([{ invoice_id: "i1", amount: "5.00" }, { invoice_id: "i2", amount: "1" }])]);
    expect(missing.correctApplied).toBe(0);
  });
});
