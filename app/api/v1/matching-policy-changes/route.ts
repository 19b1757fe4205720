import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listPendingPolicyChanges } from "@/lib/cash-application/list-policy-changes.ts";

export const GET = apiRoute(ops.listPolicyChanges, ({ query }) => listPendingPolicyChanges(query.status));
