import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listApiKeys } from "@/lib/api-keys/list-api-keys.ts";
import { createApiKey } from "@/lib/api-keys/create-api-key.ts";

export const GET = apiRoute(ops.listApiKeys, () => listApiKeys());
export const POST = apiRoute(ops.createApiKey, ({ body, principal }) =>
  createApiKey({ ...body, createdById: principal.kind === "user" ? principal.user.id : null }),
);
