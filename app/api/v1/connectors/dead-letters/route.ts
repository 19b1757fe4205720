import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listDeadLetters } from "@/lib/connectors/list-dead-letters.ts";

export const GET = apiRoute(ops.listDeadLetters, ({ query }) => listDeadLetters(query));
