// A user's saved views of the exception queue, by name.
import { db } from "../db/client.ts";
import type { SavedView } from "./saved-view-schemas.ts";

export async function listSavedViews(userId: string): Promise<{ items: SavedView[] }> {
  const rows = await db.savedView.findMany({ where: { userId, scope: "exceptions" }, orderBy: { name: "asc" } });
  return { items: rows.map((v) => ({ id: v.id, name: v.name, filters: v.filters as Record<string, string>, updatedAt: v.updatedAt.toISOString() })) };
}
