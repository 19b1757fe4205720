// Small hand-made worlds for the engine's unit tests.
import type { CustomerInput, InvoiceInput, ReceiptInput } from "../cashapp/types.ts";

export function customer(id: string, name: string, entity = "US01", extra: Partial<CustomerInput> = {}): CustomerInput {
  return { id, name, aliases: [], entity, bankAccounts: [], ...extra };
}

let seq = 0;
export function invoice(
  id: string, number: string, customerId: string, amount: string, extra: Partial<InvoiceInput> = {},
): InvoiceInput {
  return {
    id, number, customerId, entity: "US01", currency: "USD", amount, openAmount: extra.openAmount ?? amount,
    issueDate: "2026-01-01", dueDate: `2026-02-${String(10 + (seq++ % 18)).padStart(2, "0")}`, poNumber: null, ...extra,
  };
}

let rseq = 0;
export function receipt(amount: string, remittance: string, payerName: string, extra: Partial<ReceiptInput> = {}): ReceiptInput {
  rseq++;
  return {
    id: `R${String(rseq).padStart(5, "0")}`, entity: "US01", currency: "USD", amount, valueDate: "2026-03-01",
    channel: "ach", payerName, payerAccount: null, remittance, bankReference: `BR${rseq}`, ...extra,
  };
}

/** A small US01/DE01 world used by most behaviour tests. */
export function smallWorld() {
  const customers: CustomerInput[] = [
    customer("C1", "Acme Widgets Inc.", "US01", { aliases: ["ACME WIDGETS"], bankAccounts: ["111222333"] }),
    customer("C2", "Globex Corporation", "US01", { bankAccounts: ["999888777"] }),
    customer("C3", "Müller Maschinenbau GmbH & Co. KG", "DE01", { bankAccounts: ["DE89370400440532013000"] }),
    customer("C4", "Initech Solutions LLC", "US01"),
  ];
  const invoices: InvoiceInput[] = [
    invoice("I1", "INV-2026-000103", "C1", "1000.00", { poNumber: "PO57760" }),
    invoice("I2", "INV-2026-000104", "C1", "250.50"),
    invoice("I3", "INV-2026-000105", "C1", "74.25"),
    invoice("I4", "INV-2026-000106", "C1", "3000.00", { openAmount: "0.00" }),
    invoice("I5", "INV-2026-000200", "C2", "1234.56"),
    invoice("I6", "INV-2026-000201", "C2", "499.00"),
    invoice("I7", "INV-2026-000202", "C2", "499.00"),
    invoice("I8", "RE2026/00102", "C3", "5000.00", { entity: "DE01", currency: "EUR" }),
    invoice("I9", "RE2026/00103", "C3", "800.00", { entity: "DE01", currency: "EUR" }),
    invoice("I10", "INV-2026-000300", "C4", "777.77"),
  ];
  return { customers, invoices };
}
