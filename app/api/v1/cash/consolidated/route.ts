import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getConsolidatedCash } from "@/lib/fx/get-consolidated-cash.ts";

export const GET = apiRoute(ops.getConsolidatedCash, () => getConsolidatedCash());
