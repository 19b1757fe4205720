import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listWriteOffLimits } from "@/lib/exceptions/set-write-off-limits.ts";

export const GET = apiRoute(ops.listWriteOffLimits, () => listWriteOffLimits());
