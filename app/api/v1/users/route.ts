import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listUsers } from "@/lib/users/list-users.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { userActor } from "@/lib/users/user-actor.ts";

export const GET = apiRoute(ops.listUsers, () => listUsers());
export const POST = apiRoute(ops.createUser, ({ body, principal }) => createUser(body, userActor(principal)));
