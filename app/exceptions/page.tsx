import { AppShell } from "@/components/app-shell.tsx";
import { ExceptionQueue } from "@/components/exceptions/exception-queue.tsx";
import { cleanFilters } from "@/components/exceptions/queue-params.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getQueueOptions } from "@/lib/exceptions/get-queue-options.ts";
import { checkAmountRange, listExceptions } from "@/lib/exceptions/list-exceptions.ts";
import { listExceptionsQuery } from "@/lib/exceptions/queue-query.ts";
import { listSavedViews } from "@/lib/saved-views/list-saved-views.ts";
import { listAssignees } from "@/lib/users/list-assignees.ts";

export const dynamic = "force-dynamic";

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageRole("exceptions", "/exceptions");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] ?? "" : v]));
  const first = listExceptionsQuery.safeParse(raw);
  // An amount range without its currency (or min above max) is refused like any other invalid filter.
  const rangeOk = first.success && (() => { try { checkAmountRange(first.data); return true; } catch { return false; } })();
  const parsed = rangeOk ? first : listExceptionsQuery.safeParse({});
  const ignored = !first.success || !rangeOk;
  const filters = !ignored ? cleanFilters(raw) : {};
  const query = parsed.success ? parsed.data : listExceptionsQuery.parse({});
  const [initial, assignees, views, options] = await Promise.all([
    listExceptions(query, { viewerId: user.id }), listAssignees(), listSavedViews(user.id), getQueueOptions(),
  ]);
  return (
    <AppShell user={user}>
      {ignored && <div role="alert" className="notice bad">Some filters in the address were not valid and were ignored.</div>}
      <ExceptionQueue
        initial={initial} initialFilters={filters} me={{ id: user.id, name: user.name }} assignees={assignees.items}
        savedViews={views.items} entities={options.entities} currencies={options.currencies}
      />
    </AppShell>
  );
}
