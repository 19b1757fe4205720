import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { readTextBody } from "@/lib/http/read-body.ts";
import { uploadFxRatesCsv } from "@/lib/fx/set-fx-rate.ts";
import { RatesCsvError } from "@/lib/fx/parse-rates-csv.ts";

export const POST = apiRoute(ops.uploadFxRatesCsv, async ({ req, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "rates are uploaded by a signed-in person");
  if (!/^(text\/csv|text\/plain|application\/csv)\b/i.test(req.headers.get("content-type") ?? "")) throw problem(415, "send the file as text/csv");
  const text = await readTextBody(req, { maxBytes: 10 * 1024 * 1024, what: "rates CSV" });
  try {
    return await uploadFxRatesCsv(text, { actorType: "user", actorId: principal.user.id, actorLabel: principal.user.email, ip, requestId }, req.headers.get("x-filename") ?? undefined);
  } catch (e) {
    if (e instanceof RatesCsvError) throw problem(422, e.message);
    throw e;
  }
});
