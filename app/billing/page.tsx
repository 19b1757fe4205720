import { AppShell } from "@/components/app-shell.tsx";
import { InvoiceImportForm } from "@/components/invoice-import-form.tsx";
import { CustomerMappingForm } from "@/components/customer-mapping-form.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { INVOICE_CSV_COLUMNS } from "@/lib/billing/parse-invoice-csv.ts";
import { listUnmappedBillingCustomers } from "@/lib/billing/list-unmapped-billing-customers.ts";

export const dynamic = "force-dynamic";

export default async function BillingPage() {
  const user = await requirePageRole("billing", "/billing");
  const unmapped = await listUnmappedBillingCustomers();
  return (
    <AppShell user={user}>
      <h1>Billing import</h1>
      <h2>Invoice backfill (CSV)</h2>
      <p className="muted">
        Columns: <span className="mono">{INVOICE_CSV_COLUMNS.join(",")}</span> (po_number optional; amounts like 1250.00; dates YYYY-MM-DD;
        customer_id is the billing customer id). All or nothing: any problem and nothing is imported. The same file twice changes nothing.
      </p>
      <InvoiceImportForm />
      <h2>Billing customers without an ERP mapping</h2>
      {unmapped.length === 0 ? (
        <div className="empty" data-testid="unmapped-empty">Every billing customer is mapped.</div>
      ) : (
        <table className="grid" data-testid="unmapped-customers">
          <thead><tr><th>Billing customer</th><th>Entity</th><th className="num">Held events</th><th>SLA due</th><th>Map to ERP account</th></tr></thead>
          <tbody>
            {unmapped.map((u) => (
              <tr key={u.caseId}>
                <td className="mono">{u.billingCustomerId}</td><td>{u.entity}</td><td className="num">{u.heldEvents}</td>
                <td>{u.slaDueAt.slice(0, 16).replace("T", " ")}</td>
                <td><CustomerMappingForm billingCustomerId={u.billingCustomerId} entity={u.entity} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AppShell>
  );
}
