import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listUsers } from "@/lib/users/list-users.ts";

export const GET = apiRoute(ops.listUsers, () => listUsers());
