// Unapply and reapply in Business Central through the Cashline BC extension (extension/*.al): API v2.0 has no
// customer-entry application endpoint, so the extension publishes customerLedgerEntries with their applications and
// the bound actions Microsoft.NAV.unapply (codeunit "CustEntry-Apply Posted Entries": an entry's LATEST application)
// and Microsoft.NAV.apply. A revision compares, per invoice, the cash BC holds applied with what Cashline wants:
//  - more applied than wanted → the entry's applications are unapplied newest first down to that invoice's (BC
//    allows no other order), and whatever else that took off is applied again below;
//  - less applied than wanted → the difference is applied from the receipt's open cash.
// Safe to repeat after any failure (a lost answer included): each run starts from what BC holds, so an application
// is never reversed twice nor made twice. ON_ACCOUNT and UNAPPLIED are both open cash in BC (nothing to post);
// write-offs are G/L entries and cannot be revised here (refused before anything is sent).
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError } from "../errors.ts";
import type { ErpPostingResult } from "../adapter.ts";
import type { ErpApplicationPosting, ErpPosting, ErpReceipt } from "../posting.ts";
import { decimal } from "./json.ts";
import { documentNumberOf, isExtensionMissing, type BcContext, type Payment } from "./receipts.ts";
import { CASHLINE_API, lit, nextLinkOf, valuesOf } from "./transport.ts";

type Deps = {
  ctx: BcContext;
  getReceipt(id: string): Promise<ErpReceipt>;
  invoiceNumbersIn(cid: string, p: Pick<ErpPosting, "applications">): Promise<Map<string, string>>;
  toPayment(row: Record<string, unknown>): Payment;
};
export type ReviseOptions = { date?: string };

const multiset = (xs: { type: string; amount: bigint }[]) => xs.map((x) => `${x.type}:${x.amount}`).sort().join(",");

export function createRevisions(d: Deps) {
  const { t } = d.ctx;

  /** The document's payment entries with their applications, through the extension (a clear refusal without it). */
  async function entries(cid: string, doc: string): Promise<Payment[]> {
    const rows: Record<string, unknown>[] = [];
    let next: string | null = null;
    try {
      do {
        const res = await t.send(next ? { method: "GET", path: next } : {
          method: "GET", api: "cashline", path: `/companies(${cid})/customerLedgerEntries`,
          query: { $filter: `documentNumber eq ${lit(doc)} and documentType eq 'Payment'`, $expand: "applications" },
        });
        rows.push(...valuesOf(res.body, "customer ledger entries"));
        next = nextLinkOf(res.body);
      } while (next);
    } catch (e) {
      if (!isExtensionMissing(e)) throw e;
      throw new ErpPermanentError("not_supported", `Business Central cannot unapply or reapply without the Cashline BC extension: the custom API api/${CASHLINE_API} answered 404 in company ${d.ctx.entityName(cid)} (${(e as Error).message}). Install the extension (lib/erp/bc/extension, see its README) in this environment; nothing was changed`, { status: 404, errorCode: (e as ErpPermanentError).errorCode });
    }
    return rows.map(d.toPayment).sort((a, b) => Number(a.entryNumber) - Number(b.entryNumber));
  }

  const liveApps = (ps: Payment[]) => ps.flatMap((p) => (p.applications ?? []).filter((a) => !a.unapplied).map((a) => ({ ...a, payment: p })));

  async function reviseApplications(erpReceiptId: string, currency: string, target: ErpApplicationPosting[], options: ReviseOptions = {}): Promise<ErpPostingResult> {
    const r = await d.getReceipt(erpReceiptId);
    if (r.currency !== currency) throw new ErpPermanentError("invalid_posting", `receipt ${r.receiptNumber} is booked in ${r.currency} in Business Central, not ${currency}`);
    const m = (v: string) => toMinor(v, currency);
    const live = (r.applications ?? []).filter((a) => !a.reversed);
    const writeOffs = (xs: { type: string; amount: string }[]) => multiset(xs.filter((x) => x.type === "WRITE_OFF").map((x) => ({ type: x.type, amount: m(x.amount) })));
    if (writeOffs(live) !== writeOffs(target)) {
      throw new ErpPermanentError("not_supported", `Business Central adapter: receipt ${r.receiptNumber} would change its write-offs, which are G/L entries (reverse them in BC: General Ledger Entries → Reverse Transaction); nothing was changed`);
    }
    const sums = (xs: { type: string; invoiceNumber?: string | null; amount: string }[]) => {
      const out = new Map<string, bigint>();
      for (const x of xs) if (x.type === "INVOICE") out.set(x.invoiceNumber!, (out.get(x.invoiceNumber!) ?? 0n) + m(x.amount));
      return out;
    };
    const wanted = sums(target);
    const had = sums(live);
    // nothing to change in BC (a replay, or only the name of open cash changes): no extension needed
    if (wanted.size === had.size && [...wanted].every(([n, v]) => had.get(n) === v)) return { erpReceiptId, applicationIds: [] };

    const cid = await d.ctx.companyId();
    const doc = documentNumberOf(r.receiptNumber);
    const bcOf = await d.invoiceNumbersIn(cid, { applications: [...wanted.keys()].map((invoiceNumber) => ({ type: "INVOICE", invoiceNumber, amount: "1" })) });
    const want = new Map([...wanted].map(([n, v]) => [bcOf.get(n)!, v]));
    let ps = await entries(cid, doc);
    const cash = ps.reduce((s, p) => s - m(p.amount), 0n);
    const needed = [...want.values()].reduce((s, v) => s + v, 0n);
    if (needed > cash) throw new ErpPermanentError("invalid_posting", `receipt ${r.receiptNumber}: ${fromMinor(needed, currency)} ${currency} to apply to invoices, but its customer payments in Business Central hold ${fromMinor(cash, currency)}; nothing was changed`);
    const date = options.date ?? new Date().toISOString().slice(0, 10);
    const action = (p: Payment, name: "unapply" | "apply", body: Record<string, unknown>) =>
      t.send({ method: "POST", api: "cashline", path: `/companies(${cid})/customerLedgerEntries(${p.id})/Microsoft.NAV.${name}`, body: { ...body, postingDate: date } });

    // 1. unapply, per entry newest first, until no invoice holds more than wanted
    const appliedTo = (bc: string) => liveApps(ps).filter((a) => a.appliedToDocumentNumber === bc).reduce((s, a) => s + m(a.amount), 0n);
    const over = new Set([...new Set(liveApps(ps).map((a) => a.appliedToDocumentNumber))].filter((bc) => appliedTo(bc) > (want.get(bc) ?? 0n)));
    let unapplied = false;
    for (const p of ps) {
      const newestFirst = (p.applications ?? []).filter((a) => !a.unapplied).sort((a, b) => Number(b.entryNumber) - Number(a.entryNumber));
      const oldestOver = newestFirst.map((a) => over.has(a.appliedToDocumentNumber)).lastIndexOf(true);
      for (let i = 0; i <= oldestOver; i++) {
        await action(p, "unapply", {});
        unapplied = true;
      }
    }
    if (unapplied) ps = await entries(cid, doc);

    // 2. apply what is missing from open cash: the remainder and freed invoice cash before cash named on account
    const rank = (p: Payment) => (/^Cashline ON_ACCOUNT\b/.test(p.description) ? 3 : /^Cashline UNAPPLIED\b/.test(p.description) ? 2 : /^Cashline INVOICE\b/.test(p.description) ? 1 : 0);
    const open = ps.map((p) => ({ p, left: -m(p.amount) - (p.applications ?? []).filter((a) => !a.unapplied).reduce((s, a) => s + m(a.amount), 0n) }))
      .filter((x) => x.left > 0n).sort((a, b) => rank(a.p) - rank(b.p) || Number(a.p.entryNumber) - Number(b.p.entryNumber));
    for (const [bc, v] of want) {
      let need = v - appliedTo(bc);
      for (const src of open) {
        if (need <= 0n) break;
        const take = src.left < need ? src.left : need;
        if (take <= 0n) continue;
        await action(src.p, "apply", { appliesToDocumentNumber: bc, amountToApply: decimal(fromMinor(take, currency)) });
        src.left -= take;
        need -= take;
      }
    }

    const before = new Set(live.map((a) => a.id));
    const after = await d.getReceipt(erpReceiptId);
    return { erpReceiptId, applicationIds: (after.applications ?? []).filter((a) => !a.reversed && !before.has(a.id)).map((a) => a.id) };
  }

  return reviseApplications;
}
