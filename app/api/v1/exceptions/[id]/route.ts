import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { actionContextOf } from "@/lib/exceptions/action-context-of.ts";
import { getCaseWorkspace } from "@/lib/exceptions/get-case-workspace.ts";

export const GET = apiRoute(ops.getException, async (c) => {
  const workspace = await getCaseWorkspace(c.params.id, actionContextOf(c).actor);
  if (!workspace) throw problem(404, `no case or receipt ${c.params.id}`);
  return workspace;
});
