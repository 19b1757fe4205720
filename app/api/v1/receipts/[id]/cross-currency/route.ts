import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { applyCrossCurrency, previewCrossCurrency } from "@/lib/exceptions/apply-cross-currency.ts";

export const GET = apiRoute(ops.previewCrossCurrency, ({ params, query }) => previewCrossCurrency(params.id, query));
export const POST = apiRoute(ops.applyCrossCurrency, (c) => applyCrossCurrency(actionContextOf(c), c.params.id, c.body));
