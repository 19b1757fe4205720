import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { readTextBody } from "@/lib/http/read-body.ts";
import { importInvoiceCsv, MAX_CSV_BYTES } from "@/lib/billing/import-invoice-csv.ts";

export const POST = apiRoute(ops.importBillingInvoices, async ({ req, principal, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "imports are made by a signed-in person");
  const type = req.headers.get("content-type") ?? "";
  if (!/^(text\/csv|text\/plain|application\/csv)\b/i.test(type)) throw problem(415, "send the file as text/csv");
  const filename = req.headers.get("x-filename");
  // The limit is enforced while reading (413 as soon as it is passed), not after the whole file is in memory.
  const text = await readTextBody(req, { maxBytes: MAX_CSV_BYTES, what: "CSV file" });
  return importInvoiceCsv(text, principal.user, { filename: filename ? safeDecode(filename) : null, requestId });
});

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
