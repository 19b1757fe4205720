import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listDeductions } from "@/lib/deductions/list-deductions.ts";

export const GET = apiRoute(ops.listDeductions, ({ query }) => listDeductions(query));
