import { jsonResponse } from "@/lib/http/json-response.ts";
import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { readUpload } from "@/lib/http/read-upload.ts";
import { env } from "@/lib/env.ts";
import { listBankFiles } from "@/lib/bank-ingestion/list-bank-files.ts";
import { receiveBankFile } from "@/lib/bank-ingestion/receive-bank-file.ts";

export const POST = apiRoute(ops.uploadBankStatement, async ({ req, principal, requestId, ip }) => {
  const upload = await readUpload(req, { maxBytes: env().BANK_UPLOAD_MAX_BYTES, field: "file" });
  const sender = principal.kind === "user"
    ? { kind: "user" as const, userId: principal.user.id, label: principal.user.email }
    : { kind: "api_key" as const, keyId: principal.keyId, label: principal.label };
  const result = await receiveBankFile({ ...upload, sender, requestId, ip });
  return jsonResponse(result, { status: result.duplicate ? 200 : 202, headers: { "x-request-id": requestId } });
});

export const GET = apiRoute(ops.listBankStatements, ({ query }) => listBankFiles(query));
