import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { updateUser } from "@/lib/users/update-user.ts";
import { userActor } from "@/lib/users/user-actor.ts";

export const PATCH = apiRoute(ops.updateUser, ({ params, body, principal }) => updateUser(params.id, body, userActor(principal)));
