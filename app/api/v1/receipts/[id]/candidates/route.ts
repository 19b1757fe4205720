import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { searchCandidateInvoices } from "@/lib/exceptions/search-candidate-invoices.ts";

export const GET = apiRoute(ops.listReceiptCandidates, ({ params, query }) => searchCandidateInvoices(params.id, query));
