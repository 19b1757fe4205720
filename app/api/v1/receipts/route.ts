import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listReceipts } from "@/lib/receipts/list-receipts.ts";

export const GET = apiRoute(ops.listReceipts, ({ query }) => listReceipts(query));
