// X12 interchange reading: the delimiters come from the ISA segment itself, segments are split on its terminator,
// and the envelopes are verified (ISA/IEA, GS/GE, ST/SE control numbers and counts). What comes out is each
// transaction set's segments with their position in the file, for the transaction-set mappers (x12-820.ts).
import { RemittanceParseError } from "../types.ts";

export type Segment = { id: string; elements: string[]; /** 1-based position in the file, for error messages. */ no: number };
export type TransactionSet = { code: string; control: string; version: string | null; interchangeControl: string; segments: Segment[] };
export type Interchange = { transactionSets: TransactionSet[] };

const MAX_SEGMENTS = 2_000_000;
const MAX_ELEMENTS = 1_000;

/** Element `n` (1-based, e.g. 4 for BPR04) trimmed, or null when absent or empty. */
export function el(seg: Segment, n: number): string | null {
  const v = seg.elements[n]?.trim();
  return v ? v : null;
}

export function at(seg: Segment, n?: number): string {
  return `segment ${seg.no} (${seg.id}${n === undefined ? "" : String(n).padStart(2, "0")})`;
}

type Delimiters = { element: string; component: string; segment: string; repetition: string | null };

/** Reads the delimiters from an ISA starting at `start`: element separator at ISA position 4, ISA16, then the terminator. */
function delimiters(text: string, start: number): Delimiters {
  const where = `segment ISA at character ${start + 1}`;
  if (text.slice(start, start + 3) !== "ISA") throw new RemittanceParseError(where, "an X12 interchange starts with ISA");
  const element = text[start + 3] ?? "";
  // The sixteen ISA elements are fixed-width in the standard (106 characters); some senders trim the blank ones, so
  // the separators are counted rather than the widths trusted, within a bounded window.
  let seps = 0, i = start + 3;
  for (; i < Math.min(text.length, start + 400) && seps < 16; i++) if (text[i] === element) seps++;
  if (seps < 16) throw new RemittanceParseError(where, `ISA must have 16 elements separated by "${printable(element)}"`);
  const component = text[i] ?? "";
  const segment = text[i + 1] ?? "";
  const isa = text.slice(start, i + 1).split(element);
  const version = isa[12]?.trim() ?? "";
  const rep = isa[11] ?? "";
  const repetition = version >= "00402" && rep.length === 1 && !/[A-Za-z0-9 ]/.test(rep) ? rep : null;
  const all = [element, component, segment, ...(repetition ? [repetition] : [])];
  if (!element || !component || !segment) throw new RemittanceParseError(where, "the ISA segment is cut short before its terminator");
  if (all.some((d) => /[A-Za-z0-9 ]/.test(d))) {
    throw new RemittanceParseError(where, `delimiters must not be letters, digits or blanks (element "${printable(element)}", component "${printable(component)}", terminator "${printable(segment)}")`);
  }
  if (new Set(all).size !== all.length) throw new RemittanceParseError(where, "the element, component, repetition and segment delimiters must all differ");
  return { element, component, segment, repetition };
}

const printable = (c: string) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : c);

function need(seg: Segment, n: number): string {
  const v = el(seg, n);
  if (v === null) throw new RemittanceParseError(at(seg, n), "missing mandatory element");
  return v;
}

function count(seg: Segment, n: number): number {
  const v = need(seg, n);
  if (!/^\d{1,9}$/.test(v)) throw new RemittanceParseError(at(seg, n), `count "${v.slice(0, 20)}" is not a number`);
  return Number(v);
}

function sameControl(seg: Segment, n: number, expected: string, what: string): void {
  const v = need(seg, n);
  if (v.replace(/^0+(?=.)/, "") !== expected.replace(/^0+(?=.)/, "")) {
    throw new RemittanceParseError(at(seg, n), `control number "${v.slice(0, 20)}" does not match ${what} "${expected}"`);
  }
}

/** Splits and verifies every interchange of a file. */
export function readInterchanges(input: string): Interchange {
  const text = input.replace(/^\uFEFF/, "");
  const sets: TransactionSet[] = [];
  let pos = text.search(/\S|$/);
  let segNo = 0;
  if (pos >= text.length) throw new RemittanceParseError("segment 1", "empty file: an X12 interchange starts with ISA");
  while (pos < text.length) {
    const d = delimiters(text, pos);
    let end = pos;
    let isa: Segment | null = null, gs: Segment | null = null, st: Segment | null = null;
    let groups = 0, setsInGroup = 0, segsInSet = 0, current: Segment[] = [];
    let closed = false;
    while (end < text.length && !closed) {
      let next = text.indexOf(d.segment, end);
      if (next < 0) next = text.length;
      const raw = text.slice(end, next).replace(/^[\r\n]+|[\r\n]+$/g, "");
      end = next + 1;
      if (!raw) continue;
      if (++segNo > MAX_SEGMENTS) throw new RemittanceParseError(`segment ${segNo}`, `more than ${MAX_SEGMENTS} segments`);
      const elements = raw.split(d.element, MAX_ELEMENTS + 1);
      if (elements.length > MAX_ELEMENTS) throw new RemittanceParseError(`segment ${segNo}`, `more than ${MAX_ELEMENTS} elements`);
      const id = elements[0]!.trim();
      const seg: Segment = { id, elements, no: segNo };
      if (!/^[A-Z][A-Z0-9]{1,2}$/.test(id)) throw new RemittanceParseError(`segment ${segNo}`, `invalid segment identifier "${id.slice(0, 10)}"`);
      if (id === "ISA") {
        if (isa) throw new RemittanceParseError(at(seg), "ISA inside an interchange (missing IEA)");
        isa = seg;
        if (!/^\d{9}$/.test(el(seg, 13) ?? "")) throw new RemittanceParseError(at(seg, 13), "interchange control number must be 9 digits");
        continue;
      }
      if (!isa) throw new RemittanceParseError(at(seg), "segment before ISA");
      if (st && !["SE", "ST", "GS", "GE", "IEA"].includes(id)) { current.push(seg); segsInSet++; continue; }
      if (st && id !== "SE" && id !== "ST") throw new RemittanceParseError(at(seg), `${id} inside transaction set ${el(st, 2)} (missing SE)`);
      switch (id) {
        case "GS":
          if (gs) throw new RemittanceParseError(at(seg), "GS inside a functional group (missing GE)");
          gs = seg; need(seg, 6); groups++; setsInGroup = 0;
          break;
        case "ST":
          if (!gs) throw new RemittanceParseError(at(seg), "ST outside a functional group (missing GS)");
          if (st) throw new RemittanceParseError(at(seg), "ST inside a transaction set (missing SE)");
          st = seg; need(seg, 1); need(seg, 2); current = [seg]; segsInSet = 1; setsInGroup++;
          break;
        case "SE": {
          if (!st) throw new RemittanceParseError(at(seg), "SE without ST");
          segsInSet++;
          const n = count(seg, 1);
          if (n !== segsInSet) throw new RemittanceParseError(at(seg, 1), `transaction set ${el(st, 2)} has ${segsInSet} segments, SE01 says ${n}`);
          sameControl(seg, 2, el(st, 2)!, "ST02");
          current.push(seg);
          sets.push({ code: el(st, 1)!, control: el(st, 2)!, version: el(st, 3) ?? el(gs!, 8), interchangeControl: el(isa, 13)!, segments: current });
          st = null;
          break;
        }
        case "GE": {
          if (!gs) throw new RemittanceParseError(at(seg), "GE without GS");
          const n = count(seg, 1);
          if (n !== setsInGroup) throw new RemittanceParseError(at(seg, 1), `functional group ${el(gs, 6)} has ${setsInGroup} transaction sets, GE01 says ${n}`);
          sameControl(seg, 2, el(gs, 6)!, "GS06");
          gs = null;
          break;
        }
        case "IEA": {
          if (gs) throw new RemittanceParseError(at(seg), "IEA inside a functional group (missing GE)");
          const n = count(seg, 1);
          if (n !== groups) throw new RemittanceParseError(at(seg, 1), `interchange has ${groups} functional groups, IEA01 says ${n}`);
          sameControl(seg, 2, el(isa, 13)!, "ISA13");
          closed = true;
          break;
        }
        default:
          throw new RemittanceParseError(at(seg), `${id} outside a transaction set`);
      }
    }
    if (st) throw new RemittanceParseError(`segment ${segNo}`, `file ends inside transaction set ${el(st, 2)} (no SE)`);
    if (!isa) throw new RemittanceParseError(`segment ${segNo}`, "no ISA segment");
    if (!closed) throw new RemittanceParseError(`segment ${segNo}`, `file ends inside interchange ${el(isa, 13)} (no ${gs ? "GE and " : ""}IEA trailer)`);
    pos = end + Math.max(0, text.slice(end).search(/\S|$/));
  }
  return { transactionSets: sets };
}
