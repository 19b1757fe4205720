import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { updateRemittanceSettings } from "@/lib/remittance/update-remittance-settings.ts";

export const PUT = apiRoute(ops.updateRemittanceSettings, (c) => updateRemittanceSettings(actionContextOf(c), c.params.id, c.body));
