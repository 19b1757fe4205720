// Comparators between our parse results and the upstream expected results in ../shared/fixtures.
// Each returns a list of human-readable differences (empty = conforming). Deliberate mapping
// differences from the upstream libraries are documented where they are applied.
import { currencyExponent, formatMinor, parseDecimal } from "./money.ts";
import type { Entry, ParsedStatementFile } from "./types.ts";

type Json = any; // upstream dumps: untyped by nature
const collapse = (s: unknown) => (typeof s === "string" ? s.replace(/\s+/g, " ").trim() : s) || null;
const sameAmount = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && parseDecimal(a, 6) === parseDecimal(b, 6);

function diff(out: string[], where: string, field: string, ours: unknown, theirs: unknown): void {
  if (ours !== theirs) out.push(`${where} ${field}: ours ${JSON.stringify(ours)}, expected ${JSON.stringify(theirs)}`);
}

// ---------- wolph/mt940: expected-json/<path>.json (one merged "statement" + all transactions) ----------

/**
 * Upstream bugs in wolph/mt940 that the expected files copy, and what is right instead:
 * - raphaelm: ":62M:C020315105000,00" has no currency; upstream reads "105" as the currency and
 *   0.00 as the amount. Right: 105000.00 (opening 0.00 + 105000.00 of entries). Same for the final
 *   ":62F:C02032495000,00" (95000.00, upstream "950"/0.00).
 * - "RC" (reversal of credit) is a debit entry per SWIFT; upstream keeps it positive. The statement
 *   balances (sepa_mt9401) only add up with RC negative.
 * - MT942 ":13D:...+0100" becomes 6000 s upstream instead of 3600 s; the canonical output has no
 *   date-time field, and parseMt942DateTime is unit-tested with the right offset instead.
 */
/** raiffeisen-cmi is DOS code page 852; we read non-UTF-8 bytes as Latin-1, so only ASCII compares. */
const ASCII_ONLY = new Set(["self-provided/raiffeisen-cmi"]);

const MT940_CORRECTIONS: Record<string, Record<string, string>> = {
  "self-provided/raphaelm": { intermediate_closing_balance: "105000.00", final_closing_balance: "95000.00" },
};

const norm = (ref: unknown) => {
  const t = typeof ref === "string" ? ref.trim() : "";
  return t && t !== "NONREF" && t !== "EREF" ? t : null;
};

export function compareMt940(name: string, ours: ParsedStatementFile, expected: Json): string[] {
  const out: string[] = [];
  const entries = ours.statements.flatMap((s) => s.entries);
  const txs: Json[] = expected.transactions;
  diff(out, name, "entry count", entries.length, txs.length);
  txs.forEach((t, i) => {
    const e: Entry | undefined = entries[i];
    if (!e) return;
    const at = `${name} entry ${i + 1}`;
    const amount = t.status === "RC" ? `-${t.amount.amount}` : t.amount.amount;
    if (!sameAmount(e.amount, amount)) diff(out, at, "amount", e.amount, amount);
    diff(out, at, "value_date", e.value_date, t.date);
    diff(out, at, "booking_date", e.booking_date, t.entry_date ?? t.date);
    diff(out, at, "type", e.type, t.id?.trim() || null);
    diff(out, at, "bank_reference", e.bank_reference, norm(t.bank_reference));
    const details: string = t.transaction_details ?? "";
    // Upstream overwrites the customer reference with KREF from German ?-subfield details; we keep
    // the :61: reference (or EREF when :61: says NONREF). Compared only for free-text details.
    const structured = "purpose" in t || /^(\d{3}[?>]|\/[A-Z]{2,4}\/)/.test(details);
    if (!structured) diff(out, at, "customer_reference", e.customer_reference, norm(t.customer_reference));
    const ascii = (s: string | null) => (s && ASCII_ONLY.has(name) ? s.replace(/[^\x20-\x7e\n]/g, "") : s);
    if (t.purpose) {
      // We append the ?60-?63 purpose lines that continue SVWZ (upstream keeps them apart).
      const ours = String(collapse(e.remittance));
      if (!ours.startsWith(String(collapse(t.purpose)))) diff(out, at, "remittance", ours, collapse(t.purpose));
    } else if (details && !structured) {
      // Upstream also appends a statement-level :86: that follows :62F: (ING) to the last entry.
      const ours = ascii(e.remittance), theirs = ascii(details.trim())!;
      if (ours !== theirs && !theirs.startsWith(`${ours}\n`)) diff(out, at, "remittance", ours, theirs);
    } else if (details.startsWith("/") && e.remittance && !details.replace(/\n/g, "").includes(e.remittance)) {
      diff(out, at, "remittance (within details)", e.remittance, details);
    }
    if (t.applicant_name) diff(out, at, "counterparty_name", e.counterparty_name, collapse(t.applicant_name));
    if (t.applicant_iban) diff(out, at, "counterparty_account", e.counterparty_account, t.applicant_iban);
  });
  const st = expected.statement ?? {};
  // Upstream merges all statements (last value wins) and truncates :25: to 35 characters.
  if (st.account_identification && !ours.statements.some((s) => s.account?.startsWith(st.account_identification))) {
    out.push(`${name} account: no statement has account ${st.account_identification}`);
  }
  const fix = MT940_CORRECTIONS[name] ?? {};
  const balances: [string, "opening_balance" | "closing_balance"][] = [
    ["final_opening_balance", "opening_balance"], ["intermediate_opening_balance", "opening_balance"],
    ["final_closing_balance", "closing_balance"], ["intermediate_closing_balance", "closing_balance"],
  ];
  for (const [key, ourKey] of balances) {
    const b = st[key];
    if (!b) continue;
    const amount = fix[key] ?? b.amount.amount;
    const found = ours.statements.some((s) => s[ourKey]?.date === b.date && sameAmount(s[ourKey]?.amount, amount));
    if (!found) out.push(`${name} ${key}: no statement has ${ourKey} ${amount} on ${b.date}`);
  }
  return out;
}

// ---------- genkgo/camt: X.json beside X.xml (PHP object dump; amounts in minor units) ----------

function collect(node: Json, cls: RegExp, acc: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, cls, acc));
  else if (node && typeof node === "object") {
    if (typeof node.__CLASS__ === "string" && cls.test(node.__CLASS__)) acc.push(node);
    Object.values(node).forEach((v) => collect(v, cls, acc));
  }
  return acc;
}

const money = (m: Json) => formatMinor(BigInt(m.getAmount), currencyExponent(m.getCurrency.getCode));
const day = (d: Json) => (d?.["0"] ? String(d["0"]).slice(0, 10) : null);

export function compareCamt(name: string, ours: ParsedStatementFile, expected: Json): string[] {
  const out: string[] = [];
  const byId = (id: string) => ours.statements.find((s) => s.id === id) ?? (ours.statements.length === 1 ? ours.statements[0] : undefined);
  for (const rec of collect(expected, /\\(Statement|Report|Notification)$/)) {
    const s = byId(rec.getId);
    if (!s) { out.push(`${name}: no statement ${rec.getId}`); continue; }
    diff(out, `${name} ${rec.getId}`, "account", s.account, rec.getAccount?.getIdentification ?? null);
    const first = (type: string) => rec.getBalances?.find((b: Json) => b.getType === type);
    for (const [type, key] of [["opening", "opening_balance"], ["closing", "closing_balance"]] as const) {
      const b = first(type);
      if (b) diff(out, `${name} ${rec.getId}`, key, JSON.stringify(s[key]), JSON.stringify({ amount: money(b.getAmount), date: day(b.getDate) }));
    }
  }
  for (const ent of collect(expected, /\\DTO\\Entry$/)) {
    const s = typeof ent.getRecord === "object" ? byId(ent.getRecord.getId) : ours.statements[0];
    const e = s?.entries[ent.getIndex];
    const at = `${name} entry ${ent.getIndex + 1}`;
    if (!e) { out.push(`${at}: missing`); continue; }
    diff(out, at, "amount", e.amount, money(ent.getAmount));
    diff(out, at, "booking_date", e.booking_date, day(ent.getBookingDate));
    diff(out, at, "value_date", e.value_date, day(ent.getValueDate));
    const tx = ent.getTransactionDetail;
    diff(out, at, "bank_reference", e.bank_reference, ent.getAccountServicerReference ?? tx?.getReference?.getAccountServicerReference ?? null);
    const e2e = tx?.getReference?.getEndToEndId;
    if (e2e && e2e !== "NOTPROVIDED") diff(out, at, "customer_reference", e.customer_reference, e2e);
    const code = ent.getBankTransactionCode;
    const domain = code?.getDomain;
    const type = domain ? [domain.getCode, domain.getFamily?.getCode, domain.getFamily?.getSubFamilyCode].filter(Boolean).join("/") : code?.getProprietary?.getCode ?? null;
    diff(out, at, "type", e.type, type || null);
    const side = e.amount.startsWith("-") ? "Creditor" : "Debtor";
    const party = (tx?.getRelatedParties ?? []).find((p: Json) => p?.getRelatedPartyType?.__CLASS__ === `Genkgo\\Camt\\DTO\\${side}`);
    if (party?.getRelatedPartyType?.getName) diff(out, at, "counterparty_name", e.counterparty_name, party.getRelatedPartyType.getName);
    if (party?.getAccount?.getIdentification) diff(out, at, "counterparty_account", e.counterparty_account, party.getAccount.getIdentification);
    const message = tx?.getRemittanceInformation?.getMessage;
    if (message && !e.remittance?.includes(message)) diff(out, at, "remittance", e.remittance, message);
  }
  return out;
}

// ---------- moov/ach: X.json beside X.ach (moov's JSON form of the same file) ----------

export function compareNacha(name: string, ours: ParsedStatementFile, expected: Json): string[] {
  const out: string[] = [];
  const batches: Json[] = [...(expected.batches ?? []), ...(expected.IATBatches ?? [])];
  diff(out, name, "batch count", ours.statements.length, batches.length);
  batches.forEach((b, i) => {
    const s = ours.statements[i];
    const details: Json[] = b.entryDetails ?? b.IATEntryDetails ?? [];
    if (!s) return;
    diff(out, `${name} batch ${i + 1}`, "entry count", s.entries.length, details.length);
    details.forEach((d, j) => {
      const e = s.entries[j];
      if (!e) return;
      const at = `${name} batch ${i + 1} entry ${j + 1}`;
      const sign = d.transactionCode % 10 >= 5 ? "-" : "";
      diff(out, at, "amount", e.amount, sign + formatMinor(BigInt(d.amount), 2));
      diff(out, at, "bank_reference", e.bank_reference, d.traceNumber);
      diff(out, at, "counterparty_account", e.counterparty_account?.split("/")[1], d.DFIAccountNumber.trim());
      diff(out, at, "counterparty_name", e.counterparty_name, (d.individualName ?? d.addenda10?.name)?.trim() || null);
    });
  });
  return out;
}
