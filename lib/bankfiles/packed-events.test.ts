// The parse thread's packed events must come back exactly as the parser emitted them: same events, same order,
// every field's text unchanged whatever characters bank text holds (the packing's own ":" and "~", digits,
// control characters, astral symbols) and null kept apart from "".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventPacker, unpackEvents } from "./packed-events.ts";
import type { StatementEvent } from "./types.ts";

const text = fc.oneof(fc.constant(null), fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("", "~", ":", "1:", "~~:", "12"));
const entry = fc.record({
  index: fc.nat(9), currency: fc.oneof(fc.constant(null), fc.constantFrom("EUR", "USD", "")),
  amount: fc.string({ maxLength: 12 }), value_date: text, booking_date: text, type: text, bank_reference: text, customer_reference: text,
  counterparty_name: text, counterparty_account: text, remittance: text,
}).map(({ index, currency, ...e }): StatementEvent => ({ type: "entry", index, currency, entry: e }));
const other = fc.constantFrom<StatementEvent[]>(
  { type: "statement_start", index: 0, head: { id: "S1", account: "DE89", currency: "EUR", opening_balance: { amount: "1.00", date: "2026-11-01" } } },
  { type: "warning", index: null, message: "blank trailer total: line 7" },
  { type: "statement_end", index: 0, statement: { id: "S1", account: "DE89", currency: "EUR", opening_balance: null, closing_balance: null, checks: { balance: "ok", control_totals: "not_applicable" }, entry_count: 2 } },
  { type: "end", format: "camt.053.001.02" },
);

describe("packed parse events", () => {
  it("unpack(pack(events)) gives back the events in order, field for field", () => {
    fc.assert(fc.property(fc.array(fc.oneof(entry, entry, other), { maxLength: 30 }), (events) => {
      const packer = new EventPacker();
      for (const e of events) packer.push(e);
      expect(unpackEvents(packer.take())).toEqual(events);
      expect(unpackEvents(packer.take())).toEqual([]); // take() starts over
    }), { numRuns: 300 });
  });

  it("keeps the contract's key order of an entry (the CLI prints it as JSON)", () => {
    const packer = new EventPacker();
    const e: StatementEvent = { type: "entry", index: 1, currency: "EUR", entry: { amount: "-5.00", value_date: "2026-11-02", booking_date: null, type: "NTRF", bank_reference: "R", customer_reference: null, counterparty_name: "ACME", counterparty_account: null, remittance: "INV-1" } };
    packer.push(e);
    expect(JSON.stringify(unpackEvents(packer.take()))).toBe(JSON.stringify([e]));
  });
});
