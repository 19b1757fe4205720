import { AppShell } from "@/components/app-shell.tsx";
import { ReasonCodesTable } from "@/components/deductions/reason-codes-table.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listReasonCodes } from "@/lib/deductions/reason-codes.ts";

export const dynamic = "force-dynamic";

export default async function DeductionReasonsPage() {
  const user = await requirePageRole("deductionReasons", "/deductions/reasons");
  const { items } = await listReasonCodes();
  return (
    <AppShell user={user}>
      <h1>Deduction reason codes</h1>
      <p className="muted">Per legal entity: what each reason means, the GL account it books to, the team that owns it, its SLA, the amount under which it is written off automatically, and the X12 / camt codes read as it. Every change is audited.</p>
      <ReasonCodesTable rows={items} />
    </AppShell>
  );
}
