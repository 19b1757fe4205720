import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { draftLearnedPayers } from "@/lib/cash-application/draft-learned-payers.ts";

export const POST = apiRoute(ops.draftLearnedPayers, ({ body, principal }) => {
  if (principal.kind !== "user") throw problem(403, "a person drafts learned payers");
  return draftLearnedPayers(body, principal.user);
});
