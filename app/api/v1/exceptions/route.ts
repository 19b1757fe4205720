import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listExceptions } from "@/lib/exceptions/list-exceptions.ts";

export const GET = apiRoute(ops.listExceptions, ({ query }) => listExceptions(query));
