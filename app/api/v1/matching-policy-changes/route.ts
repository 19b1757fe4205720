import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listPolicyChanges } from "@/lib/cash-application/list-policy-changes.ts";

export const GET = apiRoute(ops.listPolicyChanges, ({ query }) => listPolicyChanges(query.status));
