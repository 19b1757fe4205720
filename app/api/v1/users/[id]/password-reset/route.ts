import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { resetUserPassword } from "@/lib/users/reset-user-password.ts";
import { userActor } from "@/lib/users/user-actor.ts";

export const POST = apiRoute(ops.resetUserPassword, ({ params, principal }) => resetUserPassword(params.id, userActor(principal)));
