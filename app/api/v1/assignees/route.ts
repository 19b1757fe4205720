import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listAssignees } from "@/lib/users/list-assignees.ts";

export const GET = apiRoute(ops.listAssignees, () => listAssignees());
