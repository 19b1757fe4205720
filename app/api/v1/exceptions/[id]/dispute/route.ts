import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { recordDisputeStep } from "@/lib/exceptions/record-dispute-step.ts";

export const POST = apiRoute(ops.recordDisputeStep, (c) => recordDisputeStep(actionContextOf(c), c.params.id, c.body));
