import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { changeOwnPassword } from "@/lib/users/change-own-password.ts";
import { userActor } from "@/lib/users/user-actor.ts";

export const POST = apiRoute(ops.changeOwnPassword, ({ body, principal, ip }) => changeOwnPassword(userActor(principal).id, body, ip));
