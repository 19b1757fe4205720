// The SOAP XML reader/writer: values never break out of their element, DTDs are refused, sizes capped.
import { describe, expect, it } from "vitest";
import { el, leaf, parseXml, soapBody, soapEnvelope, text, XmlError } from "./xml.ts";
import { journalEntryPostEnvelope } from "./soap.ts";

describe("SAP XML", () => {
  it("escapes every value, so a hostile text stays text", () => {
    const hostile = `</DocumentItemText><GLAccount>9999</GLAccount><DocumentItemText>&amp; "'`;
    const xml = soapEnvelope(el("Root", { attr: `"><x a="` }, leaf("DocumentItemText", hostile), leaf("Skipped", null)));
    const root = soapBody(parseXml(xml));
    expect(root.children.map((c) => c.name)).toEqual(["DocumentItemText"]);
    expect(root.attrs.attr).toBe(`"><x a="`);
    expect(text(root, "DocumentItemText")).toBe(hostile.trim());
  });

  it("builds SAP's journal entry request with the items in order and amounts signed by DebitCreditCode", () => {
    const xml = journalEntryPostEnvelope({ companyCode: "DE01", documentType: "DZ", documentDate: "2026-03-02", postingDate: "2026-03-02", currency: "EUR", referenceId: "R-1 <&>",
      items: [{ kind: "gl", account: "0011001000", amount: "10.00" }, { kind: "debtor", account: "C1", amount: "-10.00", assignment: "INV-1" }] }, "key");
    const je = soapBody(parseXml(xml)).children[1]!.children[1]!;
    expect(text(je, "DocumentReferenceID")).toBe("R-1 <&>");
    expect(je.children.filter((c) => c.name === "Item" || c.name === "DebtorItem").map((c) => [c.name, text(c, "DebitCreditCode"), text(c, "AmountInTransactionCurrency")]))
      .toEqual([["Item", "S", "10.00"], ["DebtorItem", "H", "-10.00"]]);
  });

  it("refuses DTDs (no entity expansion), malformed and oversized documents", () => {
    expect(() => parseXml(`<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>`)).toThrow(XmlError);
    expect(() => parseXml("<a><b></a>")).toThrow(/malformed XML/);
    expect(() => parseXml(`<a>${"x".repeat(2_000_001)}</a>`)).toThrow(/over 2000000 characters/);
    expect(() => soapBody(parseXml("<NotAnEnvelope/>"))).toThrow(/expected a SOAP Envelope/);
  });
});
