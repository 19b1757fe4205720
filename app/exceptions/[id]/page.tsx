import { notFound } from "next/navigation";
import { AppShell } from "@/components/app-shell.tsx";
import { ReceiptWorkspace } from "@/components/exceptions/receipt-workspace.tsx";
import { ReceiptRemittancePanel } from "@/components/remittances/receipt-remittance-panel.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getCaseWorkspace } from "@/lib/exceptions/get-case-workspace.ts";
import { searchCandidateInvoices } from "@/lib/exceptions/search-candidate-invoices.ts";
import { listAssignees } from "@/lib/users/list-assignees.ts";

export const dynamic = "force-dynamic";

/** /exceptions/{id}: the workspace of a case, or of a receipt (its open case, if any). */
export default async function ReceiptWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole("exceptions", `/exceptions/${encodeURIComponent(id)}`);
  const ws = await getCaseWorkspace(id, user);
  if (!ws) notFound();
  const [candidates, assignees] = await Promise.all([
    ws.receipt ? searchCandidateInvoices(ws.receipt.id, { limit: 40 }) : { items: [] },
    listAssignees(),
  ]);
  return (
    <AppShell user={user}>
      <ReceiptWorkspace key={id} id={id} initial={ws} initialCandidates={candidates.items} assignees={assignees.items} />
      {ws.receipt && <ReceiptRemittancePanel receiptId={ws.receipt.id} />}
    </AppShell>
  );
}
