// A generated remittance dataset as `cashline match` input files (contracts/match-cli.md + remittance.md):
// customers.csv (with the optional parent_customer_id column), invoices.csv, receipts.csv, advices.edi, advices.csv.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { csvField } from "../../cashapp/csv.ts";
import { CUSTOMER_COLUMNS, INVOICE_COLUMNS, RECEIPT_COLUMNS } from "../../cashapp/load-files.ts";
import { remittanceFiles, type RemitDataset } from "./generate-remittances.ts";

const row = (xs: readonly (string | null | undefined)[]) => xs.map((x) => csvField(x ?? "")).join(",");

export function writeMatchFiles(dir: string, ds: RemitDataset) {
  const p = (f: string) => path.join(dir, f);
  writeFileSync(p("customers.csv"), [row([...CUSTOMER_COLUMNS, "parent_customer_id"]),
    ...ds.customers.map((c) => row([c.id, c.name, c.aliases.join("|"), c.entity, c.bankAccounts.join("|"), c.parentId]))].join("\n") + "\n");
  writeFileSync(p("invoices.csv"), [row(INVOICE_COLUMNS),
    ...ds.invoices.map((i) => row([i.id, i.number, i.customerId, i.entity, i.currency, i.amount, i.openAmount, i.issueDate, i.dueDate, i.poNumber]))].join("\n") + "\n");
  writeFileSync(p("receipts.csv"), [row(RECEIPT_COLUMNS),
    ...ds.payments.map(({ receipt: r }) => row([r.id, r.entity, r.currency, r.amount, r.valueDate, r.channel, r.payerName, r.payerAccount, r.remittance, r.bankReference]))].join("\n") + "\n");
  const files = remittanceFiles(ds);
  writeFileSync(p("advices.edi"), files.x12);
  writeFileSync(p("advices.csv"), files.csv);
  return { customers: p("customers.csv"), invoices: p("invoices.csv"), receipts: p("receipts.csv"), x12: p("advices.edi"), csv: p("advices.csv") };
}
