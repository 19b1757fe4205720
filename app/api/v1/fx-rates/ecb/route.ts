import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { readTextBody } from "@/lib/http/read-body.ts";
import { importEcbRates, MAX_RATES_FILE_BYTES } from "@/lib/fx/import-ecb-rates.ts";
import { EcbXmlError } from "@/lib/fx/parse-ecb-xml.ts";

export const POST = apiRoute(ops.importEcbRatesFile, async ({ req, principal, ip, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "rates are imported by a signed-in person");
  if (!/^(text|application)\/xml\b/i.test(req.headers.get("content-type") ?? "")) throw problem(415, "send the ECB file as text/xml");
  const xml = await readTextBody(req, { maxBytes: MAX_RATES_FILE_BYTES, what: "ECB rates file" });
  try {
    return await importEcbRates(xml, { actorType: "user", actorId: principal.user.id, actorLabel: principal.user.email, ip, requestId }, "upload");
  } catch (e) {
    if (e instanceof EcbXmlError) throw problem(422, e.message);
    throw e;
  }
});
