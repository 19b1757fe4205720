import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";

export const GET = apiRoute(ops.me, async ({ principal }) => {
  if (principal.kind !== "user") throw new Error("unreachable: session-only operation");
  const { id, email, name, role } = principal.user;
  return { id, email, name, role };
});
