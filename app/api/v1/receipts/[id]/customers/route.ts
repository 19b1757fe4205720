import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { searchReceiptCustomers } from "@/lib/exceptions/search-receipt-customers.ts";

export const GET = apiRoute(ops.listReceiptCustomers, ({ params, query }) => searchReceiptCustomers(params.id, query));
