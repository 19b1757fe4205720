import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listConnectorRuns } from "@/lib/connectors/list-connector-runs.ts";

export const GET = apiRoute(ops.listConnectorRuns, ({ query }) => listConnectorRuns(query));
