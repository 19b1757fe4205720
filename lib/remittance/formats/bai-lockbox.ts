// Bank lockbox transmission (the BAI lockbox layout banks send: fixed-width records 1/2/5/6/4/7/8/9). One advice
// per check (record 6); its overflow records (4) carry the invoices it pays. Batch (7) and lockbox (8) totals and the
// record count (9) are verified. The layout read is documented in README.md next to this file.
import type { RemittanceAdvice, RemittanceLine } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { formatMinor, isoDate } from "./amounts.ts";

const MAX_RECORD = 104; // the layout's record length; banks trim trailing blanks
type Check = { advice: RemittanceAdvice; amount: bigint; key: string; invoices: { document: string; amount: bigint | null }[]; line: number };

export function parseBaiLockbox(input: string): RemittanceAdvice[] {
  const records = input.replace(/^\uFEFF/, "").split(/\r?\n|\r/).map((text, i) => ({ text: text.replace(/\s+$/, ""), line: i + 1 })).filter((r) => r.text !== "");
  if (records.length === 0) throw new RemittanceParseError("line 1", "empty file: a lockbox transmission starts with an immediate address header (1)");
  const advices: RemittanceAdvice[] = [];
  let stage: "start" | "header" | "service" | "lockbox" | "trailer" = "start";
  let lockbox = "", depositDate = "";
  let batch: Check[] = [], lockboxChecks = 0, lockboxTotal = 0n;
  let check: Check | null = null;
  const finishCheck = () => {
    if (!check) return;
    check.advice.lines = linesOf(check);
    advices.push(check.advice);
    check = null;
  };
  for (const { text, line } of records) {
    const at = (from: number, to: number, name: string) => `line ${line}, columns ${from + 1}-${to} (${name})`;
    const num = (from: number, to: number, name: string) => {
      const v = text.slice(from, to);
      if (!/^\d+$/.test(v) || v.length !== to - from) throw new RemittanceParseError(at(from, to, name), `expected ${to - from} digits, found "${v}"`);
      return v;
    };
    const alpha = (from: number, to: number) => text.slice(from, to).trim() || null;
    if (text.length > MAX_RECORD) throw new RemittanceParseError(`line ${line}`, `record longer than ${MAX_RECORD} characters`);
    const type = text[0];
    const order = (ok: boolean, expected: string) => {
      if (!ok) throw new RemittanceParseError(`line ${line}`, `record ${type} out of order: expected ${expected}`);
    };
    switch (type) {
      case "1":
        order(stage === "start", "one immediate address header (1) first");
        num(1, 3, "priority code"); isoDate(num(23, 29, "processing date"), at(23, 29, "processing date"));
        stage = "header";
        break;
      case "2":
        order(stage === "header", "the service record (2) after the header");
        stage = "service";
        break;
      case "5":
        order(stage === "service", "a lockbox detail header (5) after the service record or a service total (8)");
        num(1, 4, "batch number");
        lockbox = num(7, 14, "lockbox number");
        depositDate = isoDate(num(14, 20, "deposit date"), at(14, 20, "deposit date"));
        stage = "lockbox"; batch = []; lockboxChecks = 0; lockboxTotal = 0n;
        break;
      case "6": {
        order(stage === "lockbox", "a detail (6) inside a lockbox (after 5)");
        finishCheck();
        const batchNo = num(1, 4, "batch number"), item = num(4, 7, "item number");
        const amount = BigInt(num(7, 17, "check amount"));
        const routing = num(17, 26, "transit routing number"), account = num(26, 36, "account number");
        const checkDate = text.slice(46, 52).trim();
        if (checkDate) isoDate(checkDate, at(46, 52, "check date (MMDDYY)"), "mdy");
        check = {
          amount, invoices: [], line, key: batchNo + item,
          advice: {
            // The check's item reference: lockbox, deposit date, batch and item identify it within the bank's deposits.
            payment_reference: `${lockbox}-${depositDate.replaceAll("-", "")}-${batchNo}-${item}`,
            payer_name: alpha(52, 82), payer_id: `${routing}/${account}`, payee_name: alpha(82, 102),
            currency: "USD", payment_amount: formatMinor(amount, 2), payment_date: depositDate, method: "CHK", lines: [],
          },
        };
        batch.push(check);
        break;
      }
      case "4": {
        order(stage === "lockbox" && check !== null, "an overflow record (4) after its detail (6)");
        const c = check as Check | null;
        if (!c) break;
        if (text.slice(1, 7) !== c.key) {
          throw new RemittanceParseError(at(1, 7, "batch and item number"), `overflow record for batch/item ${text.slice(1, 7)}, the detail above is ${c.key}`);
        }
        const document = alpha(11, 41);
        const amountText = text.slice(41, 51).trim();
        if (amountText && !/^\d{1,10}$/.test(amountText)) throw new RemittanceParseError(at(41, 51, "invoice amount"), `expected digits (cents), found "${amountText}"`);
        if (document) c.invoices.push({ document, amount: amountText ? BigInt(amountText) : null });
        break;
      }
      case "7": {
        order(stage === "lockbox", "a batch total (7) inside a lockbox");
        finishCheck();
        const count = Number(num(20, 23, "number of remittances")), total = BigInt(num(23, 33, "check dollar total"));
        const sum = batch.reduce((s, c) => s + c.amount, 0n);
        if (count !== batch.length) throw new RemittanceParseError(at(20, 23, "number of remittances"), `batch total says ${count} checks, the batch has ${batch.length}`);
        if (total !== sum) throw new RemittanceParseError(at(23, 33, "check dollar total"), `batch total says ${formatMinor(total, 2)}, its checks add up to ${formatMinor(sum, 2)}`);
        lockboxChecks += count; lockboxTotal += total; batch = [];
        break;
      }
      case "8": {
        order(stage === "lockbox" && batch.length === 0 && !check, "a service total (8) after the lockbox's last batch total (7)");
        const count = Number(num(20, 24, "total number of checks")), total = BigInt(num(24, 34, "check dollar total"));
        if (count !== lockboxChecks) throw new RemittanceParseError(at(20, 24, "total number of checks"), `service total says ${count} checks, the lockbox has ${lockboxChecks}`);
        if (total !== lockboxTotal) throw new RemittanceParseError(at(24, 34, "check dollar total"), `service total says ${formatMinor(total, 2)}, the lockbox's batches add up to ${formatMinor(lockboxTotal, 2)}`);
        stage = "service";
        break;
      }
      case "9": {
        order(stage === "service", "the destination trailer (9) after the last service total (8)");
        const count = Number(num(1, 7, "total number of records"));
        if (count !== records.length) throw new RemittanceParseError(at(1, 7, "total number of records"), `trailer says ${count} records, the file has ${records.length}`);
        stage = "trailer";
        break;
      }
      default:
        throw new RemittanceParseError(`line ${line}`, stage === "trailer" ? "records after the destination trailer (9)" : `unknown record type "${(type ?? "").replace(/[^\x20-\x7e]/g, "?")}"`);
    }
  }
  if (stage !== "trailer") throw new RemittanceParseError(`line ${records.at(-1)!.line}`, "file ends before the destination trailer (9)");
  return advices;
}

/**
 * Invoices with amounts are paid those amounts; one invoice without an amount is paid what the check leaves; several
 * without amounts cannot be split and are listed with 0.00 paid (the lines then do not add up: an analyst decides).
 */
function linesOf(check: Check): RemittanceLine[] {
  const known = check.invoices.reduce((s, i) => s + (i.amount ?? 0n), 0n);
  const unknown = check.invoices.filter((i) => i.amount === null).length;
  return check.invoices.map((i) => ({
    document: i.document, document_type: "invoice" as const,
    paid: formatMinor(i.amount ?? (unknown === 1 ? check.amount - known : 0n), 2),
    invoice_amount: null, discount: "0.00", adjustments: [],
  }));
}
