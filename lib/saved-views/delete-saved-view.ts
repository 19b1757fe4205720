// Delete one of the user's own saved views (someone else's is "not found", not "forbidden": no probing). Audited.
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { problem } from "../http/problem.ts";

export async function deleteSavedView(actor: { id: string; email: string }, id: string): Promise<{ id: string; deleted: true }> {
  return db.$transaction(async (tx) => {
    const v = await tx.savedView.findFirst({ where: { id, userId: actor.id } });
    if (!v) throw problem(404, `saved view ${id} not found`);
    await tx.savedView.delete({ where: { id } });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "saved_view.deleted", targetType: "SavedView", targetId: id, details: { name: v.name } }, tx);
    return { id, deleted: true as const };
  });
}
