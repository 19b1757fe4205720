// The SAP simulator's book of record: business partners (customers with bank accounts), journal entries with their
// items (universal-journal style: signed amounts, debit positive, credit negative, as AmountInTransactionCurrency),
// clearing, closed posting periods and the asynchronous message log. Plain JSON-serialisable data.
import { fromMinor, toMinor } from "../../money/money.ts";
import { docByKey, partnerById } from "./doc-index.ts";

export type SapBank = { BankIdentification: string; BankCountryKey: string; BankNumber: string; BankAccount: string; IBAN: string };
export type SapPartner = {
  BusinessPartner: string; name: string; companyCodes: string[]; banks: SapBank[];
  CreationDate: string; LastChange: string; // ISO timestamps
};
export type SapItem = {
  item: number; accountType: "S" | "D"; glAccount: string | null; customer: string | null;
  amount: string; // signed decimal, debit > 0 (DebitCreditCode S), credit < 0 (H)
  text: string | null; assignment: string | null; dueDate: string | null;
  clearingDocument: string | null; clearingDate: string | null; lastChange: string;
};
export type SapDoc = {
  companyCode: string; fiscalYear: string; accountingDocument: string; documentType: string;
  referenceId: string | null; headerText: string | null; documentDate: string; postingDate: string; currency: string;
  createdAt: string; items: SapItem[];
};
export type ClearingMessage = { messageId: string; status: "processed" | "error"; notes: string[]; clearingDocument: string | null; at: string };
export type SapState = {
  partners: SapPartner[];
  docs: SapDoc[];
  numberRanges: Record<string, number>; // `${companyCode}/${year}/${documentType}` → last number
  closedPeriods: string[]; // `${companyCode}/${YYYY-MM}`
  processedMessages: Record<string, string>; // async message ID → clearing document (exactly once per message ID)
  messageLog: ClearingMessage[];
};

export const emptySapState = (): SapState => ({ partners: [], docs: [], numberRanges: {}, closedPeriods: [], processedMessages: {}, messageLog: [] });

// SAP's default number range intervals per document type (customer invoice 18…, customer payment 14…, G/L 01…).
const RANGE_START: Record<string, number> = { DR: 1800000000, DG: 1600000000, DZ: 1400000000, DA: 1500000000, AB: 100000000, SA: 100000000 };

export function nextDocumentNumber(state: SapState, companyCode: string, year: string, documentType: string): string {
  const key = `${companyCode}/${year}/${documentType}`;
  const next = (state.numberRanges[key] ?? RANGE_START[documentType] ?? 100000000) + 1;
  state.numberRanges[key] = next;
  return String(next).padStart(10, "0");
}

export const docKey = (d: Pick<SapDoc, "companyCode" | "fiscalYear" | "accountingDocument">) => `${d.companyCode}/${d.fiscalYear}/${d.accountingDocument}`;
export const itemKey = (d: SapDoc, i: SapItem) => `${docKey(d)}/${String(i.item).padStart(3, "0")}`;

export function findDoc(state: SapState, companyCode: string, fiscalYear: string, accountingDocument: string): SapDoc | undefined {
  return docByKey(state, companyCode, fiscalYear, accountingDocument.padStart(10, "0"));
}

export function findPartner(state: SapState, customer: string): SapPartner | undefined {
  return partnerById(state, customer);
}

export const periodOf = (isoDate: string) => isoDate.slice(0, 7);
export const isPeriodOpen = (state: SapState, companyCode: string, isoDate: string) => !state.closedPeriods.includes(`${companyCode}/${periodOf(isoDate)}`);

/** "Posting period 003 2026 is not open" — SAP's wording (message F5 201), fiscal year = calendar year here. */
export const closedPeriodNote = (isoDate: string) => `Posting period ${isoDate.slice(5, 7).padStart(3, "0")} ${isoDate.slice(0, 4)} is not open`;

export const minor = (amount: string, currency: string) => toMinor(amount, currency);
export const decimal = (value: bigint, currency: string) => fromMinor(value, currency);
export const nowIso = () => new Date().toISOString();
