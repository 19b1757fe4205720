import { AppShell } from "@/components/app-shell.tsx";
import { ConnectorsView } from "@/components/connectors/connectors-view.tsx";
import { initialOf } from "@/components/live/query-string.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getConnectorHealth } from "@/lib/connectors/get-connector-health.ts";
import { listConnectorRuns, listConnectorRunsQuery } from "@/lib/connectors/list-connector-runs.ts";
import { listDeadLetters, listDeadLettersQuery } from "@/lib/connectors/list-dead-letters.ts";

export const dynamic = "force-dynamic";

export default async function ConnectorsPage() {
  const user = await requirePageRole("connectors", "/connectors");
  const [health, dead, runs] = await Promise.all([
    getConnectorHealth(), listDeadLetters(listDeadLettersQuery.parse({})), listConnectorRuns(listConnectorRunsQuery.parse({ limit: 20 })),
  ]);
  return (
    <AppShell user={user}>
      <ConnectorsView initialHealth={initialOf({}, health)} initialDead={initialOf({}, dead)} initialRuns={initialOf({ limit: 20 }, runs)} />
    </AppShell>
  );
}
