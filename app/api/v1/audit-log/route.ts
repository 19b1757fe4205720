import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listAuditLog } from "@/lib/audit/list-audit-log.ts";

export const GET = apiRoute(ops.listAuditLog, ({ query }) => listAuditLog(query));
