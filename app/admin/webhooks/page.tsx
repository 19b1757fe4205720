import { AppShell } from "@/components/app-shell.tsx";
import { WebhookSubscribers } from "@/components/admin/webhook-subscribers.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { listSubscribers } from "@/lib/outbox/list-subscribers.ts";
import { EVENT_TYPES } from "@/lib/outbox/event-types.ts";

export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const user = await requirePageRole("admin", "/admin/webhooks");
  const { items } = await listSubscribers();
  return (
    <AppShell user={user}>
      <h1>Event subscribers</h1>
      <p className="muted">
        Canonical events are delivered as webhooks signed with HMAC-SHA256: header <code>Cashline-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</code> over
        <code> &lt;t&gt;.&lt;raw body&gt;</code>. Events of one receipt arrive in order; failures are retried with backoff.
        URLs must be https and reach a public address (private and internal addresses are refused, redirects are not
        followed). A paused subscriber's events wait and are delivered on resume.
      </p>
      <WebhookSubscribers initial={items} eventTypes={EVENT_TYPES} />
    </AppShell>
  );
}
