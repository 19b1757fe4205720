import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { getInvoiceTimeline } from "@/lib/invoices/get-invoice-timeline.ts";

export const GET = apiRoute(ops.getInvoiceTimeline, async ({ params }) => {
  const timeline = await getInvoiceTimeline(params.id);
  if (!timeline) throw problem(404, `invoice ${params.id} not found`);
  return timeline;
});
