// BAI2 previous-day report: one group, one 03 account record per statement (opening 010, closing 015), one 16
// detail per line (type code by channel and direction), with 49/98/99 control totals and record counts that add up.
import { abs, closingOf, yymmdd, type SimLine, type SimStatement } from "./types.ts";

const CREDIT: Record<string, string> = { ACH: "165", WIRE: "195", CHECK: "175", SEPA: "208" };
const DEBIT: Record<string, string> = { ACH: "451", WIRE: "495", CHECK: "475", SEPA: "508" };

const detail = (l: SimLine) =>
  `16,${(l.amountMinor >= 0n ? CREDIT : DEBIT)[l.channel ?? "ACH"]},${abs(l.amountMinor)},0,${l.bankReference},${l.customerReference ?? ""},`
  + `${[l.counterpartyName, l.remittance].filter(Boolean).join(" ").replace(/[,/]/g, " ")}/`;

export function writeBai2(statements: SimStatement[], o: { fileId: string; sender: string; receiver: string; asOf: string; createdAt: string }): string {
  const currency = statements[0]?.currency ?? "USD";
  const out: string[] = [];
  let groupTotal = 0n, groupRecords = 2;
  for (const s of statements) {
    const closing = closingOf(s);
    const total = s.openingMinor + closing + s.lines.reduce((sum, l) => sum + abs(l.amountMinor), 0n);
    out.push(`03,${s.account},${s.currency},010,${s.openingMinor},,,015,${closing},,/`, ...s.lines.map(detail), `49,${total},${s.lines.length + 2}/`);
    groupTotal += total;
    groupRecords += s.lines.length + 2;
  }
  const time = o.createdAt.slice(11, 16).replace(":", "");
  return [
    `01,${o.sender},${o.receiver},${yymmdd(o.createdAt)},${time},${o.fileId},,,2/`,
    `02,${o.receiver},${o.sender},1,${yymmdd(o.asOf)},2400,${currency},2/`,
    ...out,
    `98,${groupTotal},${statements.length},${groupRecords}/`,
    `99,${groupTotal},1,${groupRecords + 2}/`,
  ].join("\n") + "\n";
}
