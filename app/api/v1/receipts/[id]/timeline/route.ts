import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { getReceiptTimeline } from "@/lib/receipts/get-receipt-timeline.ts";

export const GET = apiRoute(ops.getReceiptTimeline, async ({ params }) => {
  const timeline = await getReceiptTimeline(params.id);
  if (!timeline) throw problem(404, `receipt ${params.id} not found`);
  return timeline;
});
