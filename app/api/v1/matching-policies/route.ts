import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getMatchingPolicies } from "@/lib/cash-application/get-matching-policies.ts";

export const GET = apiRoute(ops.listMatchingPolicies, () => getMatchingPolicies());
