import { jsonResponse } from "@/lib/http/json-response.ts";
import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { addDeductionEvidence } from "@/lib/deductions/add-deduction-evidence.ts";

export const POST = apiRoute(ops.addDeductionEvidence, async (c) => jsonResponse(await addDeductionEvidence(actionContextOf(c), c.params.id, c.body), { status: 201 }));
