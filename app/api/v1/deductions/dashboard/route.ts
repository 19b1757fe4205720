import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getDeductionDashboard } from "@/lib/deductions/get-deduction-dashboard.ts";

export const GET = apiRoute(ops.getDeductionDashboard, () => getDeductionDashboard());
