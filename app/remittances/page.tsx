import { AppShell } from "@/components/app-shell.tsx";
import { RemittancesView } from "@/components/remittances/remittances-view.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listRemittances } from "@/lib/remittance/list-remittances.ts";

export const dynamic = "force-dynamic";

export default async function RemittancesPage() {
  const user = await requirePageRole("remittances", "/remittances");
  const { items } = await listRemittances({ limit: 50 });
  return (
    <AppShell user={user}>
      <h1>Remittance advices</h1>
      <p className="muted">
        What customers say they paid: uploaded here, sent through the API, dropped in the remittance landing folder or e-mailed.
        Each advice is linked to its payment (by reference, else payer, amount and date) or waits for it; a payment in exception is
        decided again with it. The same file twice adds nothing.
      </p>
      <RemittancesView initial={items} canUpload />
    </AppShell>
  );
}
