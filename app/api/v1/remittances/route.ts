import { jsonResponse } from "@/lib/http/json-response.ts";
import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { readUpload } from "@/lib/http/read-upload.ts";
import { problem } from "@/lib/http/problem.ts";
import { env } from "@/lib/env.ts";
import { ingestRemittance } from "@/lib/remittance/ingest-remittance.ts";
import { listRemittances } from "@/lib/remittance/list-remittances.ts";
import { REMITTANCE_FORMATS, RemittanceParseError } from "@/lib/remittance/types.ts";

export const POST = apiRoute(ops.uploadRemittance, async ({ req, principal, requestId, ip }) => {
  const format = new URL(req.url).searchParams.get("format") ?? "auto";
  if (format !== "auto" && !(REMITTANCE_FORMATS as readonly string[]).includes(format)) throw problem(422, `format: "${format}" is not one of auto, ${REMITTANCE_FORMATS.join(", ")}`);
  const upload = await readUpload(req, { maxBytes: env().REMITTANCE_UPLOAD_MAX_BYTES, field: "file" });
  const sender = principal.kind === "user"
    ? { kind: "user" as const, userId: principal.user.id, label: principal.user.email }
    : { kind: "api_key" as const, keyId: principal.keyId, label: principal.label };
  try {
    const result = await ingestRemittance({ ...upload, channel: principal.kind === "user" ? "upload" : "api", sender, format: format as "auto", requestId, ip });
    return jsonResponse(result, { status: result.duplicate ? 200 : 201, headers: { "x-request-id": requestId } });
  } catch (err) {
    if (err instanceof RemittanceParseError) throw problem(422, err.message, { errors: [{ path: err.where, message: err.problem }] });
    throw err;
  }
});

export const GET = apiRoute(ops.listRemittances, ({ query }) => listRemittances(query));
