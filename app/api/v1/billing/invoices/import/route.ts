import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { importInvoiceCsv } from "@/lib/billing/import-invoice-csv.ts";

export const POST = apiRoute(ops.importBillingInvoices, async ({ req, principal, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "imports are made by a signed-in person");
  const type = req.headers.get("content-type") ?? "";
  if (!/^(text\/csv|text\/plain|application\/csv)\b/i.test(type)) throw problem(415, "send the file as text/csv");
  const filename = req.headers.get("x-filename");
  return importInvoiceCsv(await req.text(), principal.user, { filename: filename ? safeDecode(filename) : null, requestId });
});

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
