// The parse thread's events travel to the caller as ONE string per piece of text instead of an array of objects:
// a 100,000-entry file is 100,000 entry objects, and structured-cloning them (serialised on the thread, rebuilt
// on the caller, then collected) cost more CPU than reading the XML they came from. Entries are packed field by
// field, each written as its length and its text (any character may occur in bank text, so no separator is
// safe); the few other events (statement start and end, warnings, end) travel as they are, with the number of
// entries that come before each, so the caller gets the events in file order, exactly as the parser emitted them.
import type { Entry, StatementEvent } from "./types.ts";

export type PackedEvents = {
  /** Entry events, packed (see packEntry). */
  entries: string;
  /** The other events, in order. */
  others: Exclude<StatementEvent, { type: "entry" }>[];
  /** others[i] comes after this many entries of `entries`. */
  entriesBefore: number[];
};

type EntryEvent = Extract<StatementEvent, { type: "entry" }>;

const FIELDS = ["amount", "value_date", "booking_date", "type", "bank_reference", "customer_reference", "counterparty_name", "counterparty_account",
  "remittance"] as const satisfies readonly (keyof Entry)[];

/** null: "~"; a string: its length (base 36), ":", the string. */
const field = (v: string | null) => (v === null ? "~" : `${v.length.toString(36)}:${v}`);

/** Collects one piece's events on the parse thread. */
export class EventPacker {
  private entries = "";
  private count = 0;
  private others: PackedEvents["others"] = [];
  private before: number[] = [];

  push(ev: StatementEvent): void {
    if (ev.type !== "entry") {
      this.others.push(ev);
      this.before.push(this.count);
      return;
    }
    let s = `${field(String(ev.index))}${field(ev.currency)}`;
    for (const f of FIELDS) s += field(ev.entry[f]);
    this.entries += s;
    this.count++;
  }

  /** The events so far, packed; starts over. */
  take(): PackedEvents {
    const out = { entries: this.entries, others: this.others, entriesBefore: this.before };
    this.entries = "";
    this.count = 0;
    this.others = [];
    this.before = [];
    return out;
  }
}

/** The caller's side: the events in file order. */
export function unpackEvents(p: PackedEvents): StatementEvent[] {
  const out: StatementEvent[] = [];
  const s = p.entries;
  let pos = 0;
  const next = (): string | null => {
    if (s.charCodeAt(pos) === 126 /* ~ */) {
      pos++;
      return null;
    }
    const colon = s.indexOf(":", pos);
    const len = parseInt(s.slice(pos, colon), 36);
    pos = colon + 1 + len;
    return s.slice(colon + 1, pos);
  };
  const entry = (): EntryEvent => {
    const index = Number(next());
    const currency = next();
    return {
      type: "entry", index, currency,
      entry: {
        amount: next()!, value_date: next(), booking_date: next(), type: next(), bank_reference: next(), customer_reference: next(),
        counterparty_name: next(), counterparty_account: next(), remittance: next(),
      },
    };
  };
  let emitted = 0;
  for (let i = 0; i < p.others.length; i++) {
    for (; emitted < p.entriesBefore[i]!; emitted++) out.push(entry());
    out.push(p.others[i]!);
  }
  while (pos < s.length) out.push(entry());
  return out;
}
