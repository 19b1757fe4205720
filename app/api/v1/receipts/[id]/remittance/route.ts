import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { getReceiptRemittance } from "@/lib/remittance/get-receipt-remittance.ts";

export const GET = apiRoute(ops.getReceiptRemittance, async ({ params }) => {
  const found = await getReceiptRemittance(params.id);
  if (!found) throw problem(404, `receipt ${params.id} not found`);
  return found;
});
