import { describe, expect, it } from "vitest";
import { erpReceiptNumber, RECEIPT_NUMBER_MAX } from "./build-erp-posting.ts";

describe("erpReceiptNumber", () => {
  it("keeps CL-<id> where the ERP takes it (Oracle: no limit; SAP: a short id)", () => {
    expect(erpReceiptNumber("cmabc123def456ghi789jkl0", 1)).toBe("CL-cmabc123def456ghi789jkl0");
    expect(erpReceiptNumber("rcp_00042", 1, RECEIPT_NUMBER_MAX.sap)).toBe("CL-rcp_00042");
    expect(erpReceiptNumber("rcp_00042", 2, RECEIPT_NUMBER_MAX.sap)).toBe("CL-rcp_00042-R2");
  });

  it("shortens a cuid receipt for SAP's 16-character DocumentReferenceID: the same on every call, distinct per receipt and revision", () => {
    const a = erpReceiptNumber("cmabc123def456ghi789jkl0", 1, 16);
    expect(a).toMatch(/^CL[0-9A-F]{14}$/);
    expect(erpReceiptNumber("cmabc123def456ghi789jkl0", 1, 16)).toBe(a);
    expect(erpReceiptNumber("cmabc123def456ghi789jkl0", 2, 16)).not.toBe(a);
    expect(erpReceiptNumber("cmabc123def456ghi789jkl1", 1, 16)).not.toBe(a);
  });
});
