// A small OData V2 $filter evaluator: eq ne gt ge lt le, and/or, parentheses, 'strings' (with '' escapes),
// datetime'…' and datetimeoffset'…' literals, numbers, true/false. Enough for what SAP clients send; anything
// else is a 400 like SAP's "Invalid filter expression".
export type Row = Record<string, string | number | boolean | null>;
type Tok = { t: "id" | "str" | "num" | "date" | "op" | "(" | ")" | "bool"; v: string };

export class FilterError extends Error {}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === " ") { i++; continue; }
    if (c === "(" || c === ")") { out.push({ t: c, v: c }); i++; continue; }
    const lit = /^(datetimeoffset|datetime)?'((?:[^']|'')*)'/.exec(s.slice(i));
    if (lit) {
      out.push(lit[1] ? { t: "date", v: lit[2]! } : { t: "str", v: lit[2]!.replace(/''/g, "'") });
      i += lit[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_/]*|^-?\d+(\.\d+)?/.exec(s.slice(i));
    if (!word) throw new FilterError(`Invalid filter expression at position ${i}: ${s.slice(i, i + 20)}`);
    const w = word[0];
    if (/^-?\d/.test(w)) out.push({ t: "num", v: w });
    else if (["eq", "ne", "gt", "ge", "lt", "le", "and", "or"].includes(w)) out.push({ t: "op", v: w });
    else if (w === "true" || w === "false") out.push({ t: "bool", v: w });
    else out.push({ t: "id", v: w });
    i += w.length;
  }
  return out;
}

const toMs = (v: string) => {
  const ms = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(ms)) throw new FilterError(`Invalid date literal '${v}'`);
  return ms;
};

/** Compiles a $filter into a predicate over rows whose date fields hold epoch milliseconds. */
export function compileFilter(filter: string | null): (row: Row) => boolean {
  return compileFilterWithHints(filter).predicate;
}

/** Field → the string values a matching row must have in it (from `Field eq 'v'` terms every match needs). */
export type Required = Map<string, Set<string>>;

/**
 * The predicate, and what any matching row must hold (`required`, empty when the filter says nothing an index can
 * use): `A eq 'x' and (B eq 'y' or B eq 'z')` requires A ∈ {x} and B ∈ {y, z}; a field constrained on only one side
 * of an `or` is not required.
 */
export function compileFilterWithHints(filter: string | null): { predicate: (row: Row) => boolean; required: Required } {
  if (!filter || !filter.trim()) return { predicate: () => true, required: new Map() };
  const toks = tokenize(filter);
  let p = 0;
  const peek = () => toks[p];
  const expect = (t: Tok["t"]) => {
    const tok = toks[p++];
    if (!tok || tok.t !== t) throw new FilterError(`Invalid filter expression: expected ${t} near token ${p}`);
    return tok;
  };
  type Pred = (row: Row) => boolean;
  type Node = { pred: Pred; required: Required };
  const operand = (): ((row: Row) => unknown) => {
    const tok = toks[p++];
    if (!tok) throw new FilterError("Invalid filter expression: unexpected end");
    if (tok.t === "id") return (row) => {
      if (!(tok.v in row)) throw new FilterError(`Property ${tok.v} not found`);
      return row[tok.v];
    };
    if (tok.t === "str") return () => tok.v;
    if (tok.t === "num") return () => Number(tok.v);
    if (tok.t === "bool") return () => tok.v === "true";
    if (tok.t === "date") { const ms = toMs(tok.v); return () => ms; }
    throw new FilterError(`Invalid filter expression: unexpected ${tok.v}`);
  };
  const comparison = (): Node => {
    if (peek()?.t === "(") { p++; const inner = or(); expect(")"); return inner; }
    const [lt, left] = [peek(), operand()];
    const op = expect("op").v;
    const [rt, right] = [peek(), operand()];
    const required: Required = new Map();
    if (op === "eq" && lt?.t === "id" && rt?.t === "str") required.set(lt.v, new Set([rt.v]));
    if (op === "eq" && lt?.t === "str" && rt?.t === "id") required.set(rt.v, new Set([lt.v]));
    const pred: Pred = (row) => {
      const a = left(row) ?? "", b = right(row) ?? "";
      switch (op) {
        case "eq": return a === b;
        case "ne": return a !== b;
        case "gt": return (a as number) > (b as number);
        case "ge": return (a as number) >= (b as number);
        case "lt": return (a as number) < (b as number);
        case "le": return (a as number) <= (b as number);
        default: throw new FilterError(`Invalid operator ${op}`);
      }
    };
    return { pred, required };
  };
  const and = (): Node => {
    let left = comparison();
    while (peek()?.t === "op" && peek()!.v === "and") {
      p++;
      const l = left, r = comparison();
      const required: Required = new Map(l.required);
      for (const [f, vs] of r.required) required.set(f, required.has(f) ? new Set([...vs].filter((v) => required.get(f)!.has(v))) : vs);
      left = { pred: (row) => l.pred(row) && r.pred(row), required };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek()?.t === "op" && peek()!.v === "or") {
      p++;
      const l = left, r = and();
      const required: Required = new Map();
      for (const [f, vs] of l.required) if (r.required.has(f)) required.set(f, new Set([...vs, ...r.required.get(f)!]));
      left = { pred: (row) => l.pred(row) || r.pred(row), required };
    }
    return left;
  };
  const root = or();
  if (p !== toks.length) throw new FilterError(`Invalid filter expression: unexpected ${toks[p]!.v}`);
  return { predicate: root.pred, required: root.required };
}
