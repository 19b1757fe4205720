// The queue an analyst is working through, remembered for the tab (sessionStorage) when a case is opened: its
// filters (the query string), the order of the cases it showed, and the case the cursor was on. The workspace uses
// it to go back to the same filtered queue with the cursor on the same row ("u"), and to open the next case of
// that queue after resolving one ("resolve and next").
const KEY = "cashline.queue";
const FLASH = "cashline.queue.flash";
const AUTO_NEXT = "cashline.resolveAndNext";

export type QueueContext = { params: string; ids: string[]; cursorId: string | null };

export function saveQueueContext(ctx: QueueContext): void {
  try { sessionStorage.setItem(KEY, JSON.stringify(ctx)); } catch { /* storage off: the queue opens unfiltered */ }
}

export function readQueueContext(): QueueContext | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as QueueContext | null;
    return v && typeof v.params === "string" && Array.isArray(v.ids) ? v : null;
  } catch { return null; }
}

export function queueHref(ctx: QueueContext | null): string {
  return ctx?.params ? `/exceptions?${ctx.params}` : "/exceptions";
}

/**
 * Pure: the case to open after `currentId`, given the queue as it is now (`fresh`, same filters and order) and as the
 * analyst last saw it (`seen`). The first case after the current one in the seen order that is still in the queue;
 * else the first case in the queue that is not the current one; null when the queue is done.
 */
export function pickNextCase(fresh: string[], seen: string[], currentId: string): string | null {
  const inQueue = new Set(fresh);
  const at = seen.indexOf(currentId);
  if (at >= 0) for (const id of seen.slice(at + 1)) if (inQueue.has(id) && id !== currentId) return id;
  return fresh.find((id) => id !== currentId) ?? null;
}

/** The message of the action that resolved the previous case, shown once on the next case. */
export function setFlash(text: string): void {
  try { sessionStorage.setItem(FLASH, text); } catch { /* ignore */ }
}
export function takeFlash(): string | null {
  try { const v = sessionStorage.getItem(FLASH); sessionStorage.removeItem(FLASH); return v; } catch { return null; }
}

export function readAutoNext(): boolean {
  try { return localStorage.getItem(AUTO_NEXT) === "1"; } catch { return false; }
}
export function writeAutoNext(on: boolean): void {
  try { localStorage.setItem(AUTO_NEXT, on ? "1" : "0"); } catch { /* ignore */ }
}
