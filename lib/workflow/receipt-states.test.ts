import { describe, expect, it } from "vitest";
import { allowedTransitions, canTransition, EXCEPTION_STATES, nextOwner, RECEIPT_STATES, type ReceiptState } from "./receipt-states.ts";

describe("receipt workflow", () => {
  it("follows the main line received → identified → matched → applied → posted → published", () => {
    const line: ReceiptState[] = ["RECEIVED", "IDENTIFIED", "MATCHED", "APPLIED", "POSTED", "PUBLISHED"];
    for (let i = 0; i + 1 < line.length; i++) expect(canTransition(line[i]!, line[i + 1]!), `${line[i]}→${line[i + 1]}`).toBe(true);
  });
  it("forbids skipping the ERP or going backwards from done", () => {
    expect(canTransition("RECEIVED", "POSTED")).toBe(false);
    expect(canTransition("MATCHED", "PUBLISHED")).toBe(false);
    expect(canTransition("PUBLISHED", "POSTED")).toBe(false);
    expect(canTransition("UNIDENTIFIED", "POSTED")).toBe(false);
    expect(allowedTransitions("RETURNED")).toEqual([]);
  });
  it("has a way back to the main line from every exception branch but a return", () => {
    for (const s of EXCEPTION_STATES.filter((x) => x !== "RETURNED")) {
      const back = allowedTransitions(s).some((t) => ["IDENTIFIED", "APPLIED", "POSTED"].includes(t));
      expect(back, s).toBe(true);
    }
  });
  it("names an owner for every state", () => {
    for (const s of RECEIPT_STATES) expect(nextOwner(s).owner.length).toBeGreaterThan(0);
  });
});
