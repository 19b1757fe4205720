import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listErpConnections } from "@/lib/erp-connections/list-erp-connections.ts";

export const GET = apiRoute(ops.listErpConnections, () => listErpConnections());
