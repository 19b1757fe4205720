import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listReasonCodes } from "@/lib/deductions/reason-codes.ts";

export const GET = apiRoute(ops.listDeductionReasons, () => listReasonCodes());
