import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listExceptions } from "@/lib/exceptions/list-exceptions.ts";

export const GET = apiRoute(ops.listExceptions, ({ query, principal }) => listExceptions(query, { viewerId: principal.kind === "user" ? principal.user.id : null }));
