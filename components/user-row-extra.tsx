"use client";
import type { UserRow } from "@/lib/users/list-users.ts";

/**
 * Slot at the end of each user row on the Admin page, for per-user settings other features own (per-user
 * write-off limits come from the `limits` work). Renders nothing until such a feature fills it in.
 */
export function UserRowExtra(_props: { user: UserRow }): React.ReactNode {
  return null;
}
