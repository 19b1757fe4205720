import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getCloseChecklist } from "@/lib/close/get-close-checklist.ts";

export const GET = apiRoute(ops.getCloseReadiness, ({ query }) => getCloseChecklist(query));
