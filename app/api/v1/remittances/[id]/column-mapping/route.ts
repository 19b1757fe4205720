import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { confirmColumnMapping } from "@/lib/remittance/confirm-column-mapping.ts";

export const PUT = apiRoute(ops.confirmRemittanceColumnMapping, (c) => confirmColumnMapping(actionContextOf(c), c.params.id, c.body));
