"use client";
// Runs one workspace action against the API: pending state, the server's message on failure (shown inline, e.g. the
// 409 "someone else acted on this receipt first"), and a refresh of everything the action may have changed.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ActionResult } from "@/lib/exceptions/action-schemas.ts";
import { apiFetch, errorText, isConcurrencyConflict } from "../ui/api-fetch.ts";

export function useReceiptAction(onSuccess: (r: ActionResult) => void) {
  const qc = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  async function run(url: string, body: unknown): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      const r = await apiFetch<ActionResult>(url, { body });
      onSuccess(r);
      await Promise.all([qc.invalidateQueries({ queryKey: ["workspace"] }), qc.invalidateQueries({ queryKey: ["candidates"] }), qc.invalidateQueries({ queryKey: ["exceptions"] })]);
      return true;
    } catch (e) {
      setError({ text: errorText(e), conflict: isConcurrencyConflict(e) });
      return false;
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error, clearError: () => setError(null) };
}
