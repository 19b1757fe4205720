// Save (create or overwrite by name) one of the user's views of the exception queue. Audited.
import type { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import type { saveViewBody, SavedView } from "./saved-view-schemas.ts";

export async function saveSavedView(actor: { id: string; email: string }, body: z.infer<typeof saveViewBody>): Promise<SavedView> {
  return db.$transaction(async (tx) => {
    const v = await tx.savedView.upsert({
      where: { userId_scope_name: { userId: actor.id, scope: "exceptions", name: body.name } },
      create: { userId: actor.id, scope: "exceptions", name: body.name, filters: body.filters },
      update: { filters: body.filters },
    });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "saved_view.saved", targetType: "SavedView", targetId: v.id, details: { name: v.name, filters: body.filters } }, tx);
    return { id: v.id, name: v.name, filters: v.filters as Record<string, string>, updatedAt: v.updatedAt.toISOString() };
  });
}
