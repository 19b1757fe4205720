// The slice of SuiteQL the simulator understands (enough for incremental reads):
//   SELECT * | col[, col…] FROM table [WHERE cond [AND cond…]] [ORDER BY col [ASC|DESC][, …]]
//   cond: col (= | <> | != | < | <= | > | >=) value | col IN (value[, value…]) | col IS [NOT] NULL
//   value: 'text' (with '' for a quote) | number | TO_DATE('…', 'YYYY-MM-DD') | TO_TIMESTAMP('…', 'YYYY-MM-DD HH24:MI:SS')
// Anything else is refused with NetSuite's 400 INVALID_PARAMETER, naming where it stopped.
import { NsError } from "./errors.ts";

export type Value = string | number;
export type Cond = { col: string; op: "=" | "<>" | "<" | "<=" | ">" | ">=" | "in" | "null" | "notnull"; values: Value[] };
export type Query = { columns: string[] | "*"; table: string; where: Cond[]; orderBy: { col: string; desc: boolean }[] };

type Tok = { kind: "word" | "str" | "num" | "sym"; text: string; at: number };

function tokenize(q: string): Tok[] {
  const toks: Tok[] = [];
  const re = /\s+|('(?:[^']|'')*')|(\d+(?:\.\d+)?)|([A-Za-z_][\w.]*)|(>=|<=|<>|!=|[=<>(),*])/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < q.length) {
    const at = re.lastIndex;
    m = re.exec(q);
    if (!m) throw bad(`Invalid search query: unexpected character at position ${at}: ${q.slice(at, at + 10)}`);
    if (m[1]) toks.push({ kind: "str", text: m[1].slice(1, -1).replace(/''/g, "'"), at });
    else if (m[2]) toks.push({ kind: "num", text: m[2], at });
    else if (m[3]) toks.push({ kind: "word", text: m[3], at });
    else if (m[4]) toks.push({ kind: "sym", text: m[4] === "!=" ? "<>" : m[4], at });
  }
  return toks;
}

const bad = (detail: string) => new NsError(400, "INVALID_PARAMETER", detail, "q");

export function parseSuiteQl(q: string): Query {
  const toks = tokenize(q);
  let i = 0;
  const peek = () => toks[i];
  const isWord = (w: string) => peek()?.kind === "word" && peek()!.text.toUpperCase() === w;
  const expectWord = (w: string) => {
    if (!isWord(w)) throw bad(`Invalid search query: expected ${w} at position ${peek()?.at ?? q.length}`);
    i++;
  };
  const expectSym = (s: string) => {
    if (peek()?.kind !== "sym" || peek()!.text !== s) throw bad(`Invalid search query: expected "${s}" at position ${peek()?.at ?? q.length}`);
    i++;
  };
  const ident = () => {
    const t = peek();
    if (t?.kind !== "word") throw bad(`Invalid search query: expected a field name at position ${t?.at ?? q.length}`);
    i++;
    return t.text.toLowerCase();
  };
  const value = (): Value => {
    const t = peek();
    if (t?.kind === "str") { i++; return t.text; }
    if (t?.kind === "num") { i++; return Number(t.text); }
    if (t?.kind === "word" && ["TO_DATE", "TO_TIMESTAMP"].includes(t.text.toUpperCase())) {
      i++;
      expectSym("(");
      const v = value();
      expectSym(",");
      value(); // the format: the simulator reads ISO-ordered dates whatever the mask
      expectSym(")");
      const text = String(v).trim().replace(" ", "T");
      const ms = Date.parse(text.length <= 10 ? `${text}T00:00:00Z` : `${text}Z`);
      if (Number.isNaN(ms)) throw bad(`Invalid search query: ${t.text}(${String(v)}) is not a date`);
      return t.text.toUpperCase() === "TO_DATE" && text.length <= 10 ? text : new Date(ms).toISOString();
    }
    throw bad(`Invalid search query: expected a value at position ${t?.at ?? q.length}`);
  };

  expectWord("SELECT");
  let columns: string[] | "*";
  if (peek()?.text === "*") { i++; columns = "*"; } else {
    columns = [ident()];
    while (peek()?.text === ",") { i++; columns.push(ident()); }
  }
  expectWord("FROM");
  const table = ident();
  const where: Cond[] = [];
  if (isWord("WHERE")) {
    i++;
    for (;;) {
      const col = ident();
      if (isWord("IN")) {
        i++;
        expectSym("(");
        const values = [value()];
        while (peek()?.text === ",") { i++; values.push(value()); }
        expectSym(")");
        where.push({ col, op: "in", values });
      } else if (isWord("IS")) {
        i++;
        const not = isWord("NOT");
        if (not) i++;
        expectWord("NULL");
        where.push({ col, op: not ? "notnull" : "null", values: [] });
      } else {
        const op = peek();
        if (op?.kind !== "sym" || !["=", "<>", "<", "<=", ">", ">="].includes(op.text)) throw bad(`Invalid search query: expected a comparison at position ${op?.at ?? q.length}`);
        i++;
        where.push({ col, op: op.text as Cond["op"], values: [value()] });
      }
      if (!isWord("AND")) break;
      i++;
    }
  }
  const orderBy: Query["orderBy"] = [];
  if (isWord("ORDER")) {
    i++;
    expectWord("BY");
    for (;;) {
      const col = ident();
      let desc = false;
      if (isWord("DESC")) { i++; desc = true; } else if (isWord("ASC")) i++;
      orderBy.push({ col, desc });
      if (peek()?.text !== ",") break;
      i++;
    }
  }
  if (i < toks.length) throw bad(`Invalid search query: unexpected "${toks[i]!.text}" at position ${toks[i]!.at}`);
  return { columns, table, where, orderBy };
}
