import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { redeemPasswordToken } from "@/lib/users/password-tokens.ts";

export const POST = apiRoute(ops.redeemPasswordToken, ({ body, ip }) => redeemPasswordToken(body, ip));
