import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getConnectorHealth } from "@/lib/connectors/get-connector-health.ts";

export const GET = apiRoute(ops.getConnectorHealth, () => getConnectorHealth());
