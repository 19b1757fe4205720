import { AppShell } from "@/components/app-shell.tsx";
import { PaymentsList } from "@/components/payments/payments-list.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getQueueOptions } from "@/lib/exceptions/get-queue-options.ts";
import { listReceipts, listReceiptsQuery } from "@/lib/receipts/list-receipts.ts";

export const dynamic = "force-dynamic";

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageRole("payments", "/payments");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] ?? "" : v]));
  const parsed = listReceiptsQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : listReceiptsQuery.parse({});
  const [initial, options] = await Promise.all([listReceipts(query), getQueueOptions()]);
  return (
    <AppShell user={user}>
      <PaymentsList initial={initial} initialFilters={parsed.success ? raw : {}} entities={options.entities.map((e) => e.code)} currencies={options.currencies} />
    </AppShell>
  );
}
