import { notFound } from "next/navigation";
import { AppShell } from "@/components/app-shell.tsx";
import { PaymentTimeline } from "@/components/payments/payment-timeline.tsx";
import { ReceiptRemittancePanel } from "@/components/remittances/receipt-remittance-panel.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { canAccess } from "@/lib/auth/roles.ts";
import { getReceiptTimeline } from "@/lib/receipts/get-receipt-timeline.ts";

export const dynamic = "force-dynamic";

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole("payments", `/payments/${encodeURIComponent(id)}`);
  const timeline = await getReceiptTimeline(id);
  if (!timeline) notFound();
  return (
    <AppShell user={user}>
      <PaymentTimeline id={id} initial={timeline} canWork={canAccess(user.role, "exceptions")} />
      <ReceiptRemittancePanel receiptId={id} />
    </AppShell>
  );
}
