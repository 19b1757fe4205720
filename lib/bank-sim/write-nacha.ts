// A NACHA return file as the ODFI sends it back to the originator: one batch per company, each return an entry
// (transaction code 26: the originator's account is debited) with its addenda 99 naming the R-code and the
// original entry's trace number; notifications of change (C-codes, zero amount, addenda 98) likewise.
// Fixed 94-character records, control totals and hashes that add up, blocked to 10 records with 9-fill.
import { yymmdd } from "./types.ts";

export type NachaItem = {
  /** Return (R01…) or notification of change (C01…). */
  code: string;
  amountMinor: bigint;
  originalTrace: string;
  name: string;
  routing: string; // 9 digits
  account: string;
  /** Corrected data of a notification of change. */
  correctedData?: string;
};

export type NachaBatch = { companyName: string; companyId: string; effectiveDate: string; items: NachaItem[] };

const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, " ");
const num = (v: bigint | number, n: number) => String(v).padStart(n, "0").slice(-n);

export function writeNachaReturns(batches: NachaBatch[], o: { odfi: string; createdAt: string; traceStart: number }): string {
  const odfi = o.odfi.slice(0, 8);
  const records = [`101 ${num(BigInt(o.odfi), 9)} ${num(BigInt(o.odfi), 9)}${yymmdd(o.createdAt)}${o.createdAt.slice(11, 13)}${o.createdAt.slice(14, 16)}A094101${pad("CASHLINE SIM BANK", 23)}${pad("CASHLINE", 23)}${pad("", 8)}`];
  let trace = o.traceStart, fileCount = 0, fileHash = 0n, fileDebit = 0n, fileCredit = 0n;
  batches.forEach((b, i) => {
    const batchNo = num(i + 1, 7);
    const sec = "CCD";
    records.push(`5220${pad(b.companyName, 16)}${pad("", 20)}${pad(b.companyId, 10)}${sec}${pad("RETURN", 10)}${pad("", 6)}${yymmdd(b.effectiveDate)}   1${odfi}${batchNo}`);
    let count = 0, hash = 0n, debit = 0n, credit = 0n;
    for (const item of b.items) {
      const rdfi = item.routing.slice(0, 8);
      const notice = item.code.startsWith("C");
      const entryTrace = `${odfi}${num(trace++, 7)}`;
      records.push(`626${rdfi}${item.routing[8] ?? "0"}${pad(item.account, 17)}${num(item.amountMinor, 10)}${pad("", 15)}${pad(item.name, 22)}  1${entryTrace}`);
      const info = notice ? `${pad(item.correctedData ?? "", 29)}${pad("", 15)}` : pad("", 44);
      records.push(`7${notice ? "98" : "99"}${item.code}${pad(item.originalTrace, 15)}${pad("", 6)}${rdfi}${info}${entryTrace}`);
      count += 2;
      hash += BigInt(rdfi);
      debit += item.amountMinor;
    }
    records.push(`8220${num(count, 6)}${num(hash % 10_000_000_000n, 10)}${num(debit, 12)}${num(credit, 12)}${pad(b.companyId, 10)}${pad("", 25)}${odfi}${batchNo}`);
    fileCount += count; fileHash += hash; fileDebit += debit; fileCredit += credit;
  });
  const blocks = Math.ceil((records.length + 1) / 10);
  records.push(`9${num(batches.length, 6)}${num(blocks, 6)}${num(fileCount, 8)}${num(fileHash % 10_000_000_000n, 10)}${num(fileDebit, 12)}${num(fileCredit, 12)}${pad("", 39)}`);
  while (records.length % 10 !== 0) records.push("9".repeat(94));
  return records.join("\n") + "\n";
}
