import { describe, expect, it } from "vitest";
import { explainWaiting } from "./explain-waiting.ts";
import { stageOf } from "./describe-event.ts";

const now = new Date("2026-11-27T12:00:00Z");

describe("explainWaiting", () => {
  it("names the case's assignee and SLA, the approver for a pending write-off, the ERP for applied receipts", () => {
    expect(explainWaiting({ state: "SHORT_PAY", now, journal: null, activeCase: { code: "SHORT_PAY", status: "OPEN", assignee: "Alex", slaDueAt: new Date("2026-11-27T10:00:00Z") } }))
      .toEqual({ owner: "Alex", waitingFor: "resolution of the short pay exception", detail: "short pay case, overdue since 2026-11-27 10:00 UTC" });
    expect(explainWaiting({ state: "SHORT_PAY", now, journal: null, activeCase: { code: "SHORT_PAY", status: "PENDING_APPROVAL", assignee: null, slaDueAt: now } }).waitingFor).toMatch(/approval of a write-off/);
    expect(explainWaiting({ state: "APPLIED", now, activeCase: null, journal: { status: "FAILED", attempts: 8, lastError: "503" } })).toMatchObject({ owner: "ERP connector", detail: "last attempt failed: 503" });
    expect(explainWaiting({ state: "PUBLISHED", now, activeCase: null, journal: null }).owner).toBe("nobody");
  });
  it("puts events on the right stage of the journey", () => {
    expect(stageOf("payment.received", "stripe")).toBe("processor");
    expect(stageOf("payment.received", "bank")).toBe("bank");
    expect(stageOf("cash.applied", "cashline")).toBe("application");
    expect(stageOf("receipt.posted", "cashline")).toBe("posting");
    expect(stageOf("receipt.published", "cashline")).toBe("publication");
    expect(stageOf("case.commented", "cashline")).toBe("case");
  });
});
