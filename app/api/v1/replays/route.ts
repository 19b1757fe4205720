import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { replay } from "@/lib/replays/replay.ts";
import { JOBS } from "@/jobs/registry.ts";

export const POST = apiRoute(ops.createReplay, ({ body, principal, ip }) =>
  replay(JOBS, body, principal.kind === "user"
    ? { actorType: "user", actorId: principal.user.id, actorLabel: principal.user.email, ip }
    : { actorType: "api_key", actorId: principal.keyId, actorLabel: principal.label, ip }),
);
