import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listOpenItems } from "@/lib/deductions/list-open-items.ts";

export const GET = apiRoute(ops.listCustomerOpenItems, ({ params }) => listOpenItems(params.id));
