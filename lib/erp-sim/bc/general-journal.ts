// General journals through API v2.0 `journals` / `journalLines` (GENERAL template) and the G/L entries their post
// action books (`generalLedgerEntries`): how a receipt's write-off reaches a G/L account in BC, since customerPayments
// take customer lines only. Amounts of G/L lines are in the company's local currency (journalLines have no currency).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { decimal, decimalText } from "../../erp/bc/json.ts";
import { fromMinor, toMinor } from "../../money/money.ts";
import { BcError, checkIfMatch, dialog, etagOf, fieldValidation, matches, notFound, page, parseFilter } from "./odata.ts";
import { tick, type BcState, type Company, type GlEntry, type GlLine, type Journal } from "./state.ts";
import type { BcRequest, BcResponse } from "./routes.ts";

const dec = z.string().refine((v) => { try { decimalText(v, "x"); return true; } catch { return false; } }, "must be a decimal number");
const lineBody = z.object({
  lineNumber: z.string().regex(/^\d+$/).optional(), accountType: z.literal("G/L Account").default("G/L Account"), accountNumber: z.string().min(1).max(20),
  postingDate: z.iso.date(), documentNumber: z.string().max(20).default(""), externalDocumentNumber: z.string().max(35).default(""), amount: dec,
  description: z.string().max(100).default(""), comment: z.string().max(250).default(""), balancingAccountNumber: z.string().max(20).optional(),
}).passthrough();

const journalView = (j: Journal) => ({ "@odata.etag": etagOf(j.id, j.version), id: j.id, code: j.code, displayName: j.displayName, templateDisplayName: "GENERAL", lastModifiedDateTime: j.lastModifiedDateTime, balancingAccountId: j.balancingAccountId, balancingAccountNumber: j.balancingAccountNumber });
const lineView = (l: GlLine, j: Journal) => ({
  "@odata.etag": etagOf(l.id, l.version), id: l.id, journalId: l.journalId, journalDisplayName: j.code, lineNumber: l.lineNumber, accountType: l.accountType,
  accountId: "00000000-0000-0000-0000-000000000000", accountNumber: l.accountNumber, postingDate: l.postingDate, documentNumber: l.documentNumber,
  externalDocumentNumber: l.externalDocumentNumber, amount: decimal(l.amount), description: l.description, comment: l.comment, taxCode: "",
  balanceAccountType: "G/L Account", balancingAccountId: "00000000-0000-0000-0000-000000000000", balancingAccountNumber: l.balancingAccountNumber, lastModifiedDateTime: l.lastModifiedDateTime,
});
const entryView = (e: GlEntry) => ({
  "@odata.etag": etagOf(e.id, 1), id: e.id, entryNumber: e.entryNumber, postingDate: e.postingDate, documentNumber: e.documentNumber, documentType: e.documentType,
  accountId: "00000000-0000-0000-0000-000000000000", accountNumber: e.accountNumber, description: e.description, debitAmount: decimal(e.debitAmount),
  creditAmount: decimal(e.creditAmount), additionalCurrencyDebitAmount: decimal("0"), additionalCurrencyCreditAmount: decimal("0"), lastModifiedDateTime: e.lastModifiedDateTime,
});

/** Handles journals / journalLines / generalLedgerEntries, or returns null for anything else. */
export function handleGeneralJournal(state: BcState, c: Company, req: BcRequest, r: string, keys: (string | undefined)[]): BcResponse | null {
  const list = <T>(rows: T[], row: (x: T) => Record<string, unknown>, view: (x: T) => unknown): BcResponse => {
    const clauses = parseFilter(req.url.searchParams.get("$filter"));
    return { status: 200, committed: false, body: page(rows.filter((x) => matches(row(x), clauses)).map(view), req.url, req.prefer, req.maxPageSize, req.origin) };
  };
  const journal = () => { const j = c.glJournals.find((x) => x.id === keys[0]); if (!j) throw notFound(); return j; };
  switch (r) {
    case "GET journals": return list(c.glJournals, (j) => ({ id: j.id, code: j.code, displayName: j.displayName }), journalView);
    case "GET journals(id)": return { status: 200, committed: false, body: journalView(journal()) };
    case "POST journals": {
      const b = z.object({ code: z.string().min(1).max(10), displayName: z.string().max(100).default(""), balancingAccountId: z.string().optional() }).passthrough().safeParse(req.body ?? {});
      if (!b.success) throw new BcError(400, "BadRequest", "Invalid Request Body");
      if (c.glJournals.some((j) => j.code === b.data.code)) throw new BcError(400, "Internal_EntityWithSameKeyExists", `The record in table Gen. Journal Batch already exists. Identification fields and values: Journal Template Name='GENERAL',Name='${b.data.code}'`);
      const j: Journal = { id: randomUUID(), code: b.data.code, displayName: b.data.displayName, balancingAccountId: b.data.balancingAccountId ?? "00000000-0000-0000-0000-000000000000", balancingAccountNumber: "", lastModifiedDateTime: tick(state), version: 1 };
      c.glJournals.push(j);
      return { status: 201, committed: true, body: journalView(j) };
    }
    case "DELETE journals(id)": {
      const j = journal();
      checkIfMatch(req.ifMatch, etagOf(j.id, j.version));
      c.glJournals = c.glJournals.filter((x) => x !== j);
      c.glLines = c.glLines.filter((l) => l.journalId !== j.id);
      return { status: 204, committed: true };
    }
    case "GET journals(id)/journalLines": { const j = journal(); return list(c.glLines.filter((l) => l.journalId === j.id), (l) => ({ lineNumber: String(l.lineNumber), documentNumber: l.documentNumber }), (l) => lineView(l, j)); }
    case "POST journals(id)/journalLines": {
      const j = journal();
      const parsed = lineBody.safeParse(req.body ?? {});
      if (!parsed.success) throw new BcError(400, "BadRequest", `Invalid value for property '${parsed.error.issues[0]!.path.join(".")}'.`);
      const b = parsed.data;
      if (!c.glAccounts.includes(b.accountNumber)) throw new BcError(400, "Internal_InvalidTableRelation", `The field Account No. of table Gen. Journal Line contains a value (${b.accountNumber}) that cannot be found in the related table (G/L Account).`);
      const lineNumber = b.lineNumber ? Number(b.lineNumber) : Math.max(0, ...c.glLines.filter((l) => l.journalId === j.id).map((l) => l.lineNumber)) + 10000;
      if (c.glLines.some((l) => l.journalId === j.id && l.lineNumber === lineNumber)) throw new BcError(400, "Internal_EntityWithSameKeyExists", `The record in table Gen. Journal Line already exists. Identification fields and values: Journal Template Name='GENERAL',Journal Batch Name='${j.code}',Line No.='${lineNumber}'`);
      const line: GlLine = { id: randomUUID(), journalId: j.id, lineNumber, accountType: b.accountType, accountNumber: b.accountNumber, postingDate: b.postingDate, documentNumber: b.documentNumber, externalDocumentNumber: b.externalDocumentNumber, amount: b.amount, description: b.description, comment: b.comment, balancingAccountNumber: b.balancingAccountNumber ?? "", lastModifiedDateTime: tick(state), version: 1 };
      c.glLines.push(line);
      return { status: 201, committed: true, body: lineView(line, j) };
    }
    case "DELETE journals(id)/journalLines(id)": {
      const j = journal();
      const line = c.glLines.find((l) => l.journalId === j.id && l.id === keys[1]);
      if (!line) throw notFound();
      checkIfMatch(req.ifMatch, etagOf(line.id, line.version));
      c.glLines = c.glLines.filter((l) => l !== line);
      return { status: 204, committed: true };
    }
    case "GET generalLedgerEntries": return list(c.glEntries, (e) => ({ entryNumber: String(e.entryNumber), documentNumber: e.documentNumber, accountNumber: e.accountNumber, postingDate: e.postingDate, lastModifiedDateTime: e.lastModifiedDateTime }), entryView);
    default: return null;
  }
}

/** Posts a GENERAL batch: each G/L line and its balancing side become G/L entries (LCY); the batch is emptied. */
export function postGeneralJournal(state: BcState, c: Company, j: Journal, checkDate: (d: string) => void): void {
  const lines = c.glLines.filter((l) => l.journalId === j.id).sort((a, b) => a.lineNumber - b.lineNumber);
  if (lines.length === 0) throw dialog("There is nothing to post.");
  for (const l of lines) {
    if (toMinor(l.amount, c.lcy) === 0n) throw fieldValidation(`Amount must have a value in Gen. Journal Line: Journal Template Name=GENERAL, Journal Batch Name=${j.code}, Line No.=${l.lineNumber}. It cannot be zero or empty.`);
    checkDate(l.postingDate);
  }
  for (const l of lines) {
    const m = toMinor(l.amount, c.lcy);
    const side = (account: string, minor: bigint) => c.glEntries.push({
      id: randomUUID(), entryNumber: c.nextGlEntryNumber++, postingDate: l.postingDate, documentNumber: l.documentNumber, documentType: " ", accountNumber: account,
      description: l.description, debitAmount: fromMinor(minor > 0n ? minor : 0n, c.lcy), creditAmount: fromMinor(minor < 0n ? -minor : 0n, c.lcy), lastModifiedDateTime: tick(state), externalDocumentNumber: l.externalDocumentNumber,
    });
    side(l.accountNumber, m);
    side(l.balancingAccountNumber || j.balancingAccountNumber || "2910", -m);
  }
  c.glLines = c.glLines.filter((l) => l.journalId !== j.id);
}
