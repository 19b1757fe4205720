import { AppShell } from "@/components/app-shell.tsx";
import { DeductionsView } from "@/components/deductions/deductions-view.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getDeductionDashboard } from "@/lib/deductions/get-deduction-dashboard.ts";
import { listDeductions } from "@/lib/deductions/list-deductions.ts";

export const dynamic = "force-dynamic";

export default async function DeductionsPage() {
  const user = await requirePageRole("deductions", "/deductions");
  const [{ items }, dashboard] = await Promise.all([listDeductions({ status: "OPEN", limit: 50 }), getDeductionDashboard()]);
  return (
    <AppShell user={user}>
      <h1>Deductions</h1>
      <p className="muted">
        What customers kept from invoices, with their reason. Valid: a credit memo is requested from billing and the invoice closes
        against it. Invalid: the amount goes back to the customer&apos;s open items and collections dun it. Partially valid: split.
        A credit above your write-off limit waits for a second person. Small ones under their reason&apos;s threshold were written off
        automatically (<a href="/deductions/reasons">reason codes</a>).
      </p>
      <DeductionsView initial={items} dashboard={dashboard} />
    </AppShell>
  );
}
