// The queue's filters as the query-string record the URL, the API and saved views share.
export type QueueFilters = Record<string, string>;

const DEFAULTS: Record<string, string> = { status: "ACTIVE", sort: "sla", dir: "asc", offset: "0", limit: "50" };
export const PAGE_SIZE = 50;

export function cleanFilters(f: QueueFilters): QueueFilters {
  const out: QueueFilters = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "" && DEFAULTS[k] !== v) out[k] = v;
  return out;
}

export function toParams(f: QueueFilters): string {
  return new URLSearchParams(Object.entries(cleanFilters(f)).sort(([a], [b]) => a.localeCompare(b))).toString();
}

/** Age buckets offered in the filter bar, as ageMinHours-ageMaxHours. */
export const AGE_BUCKETS = [
  { value: "", label: "any age" },
  { value: "-24", label: "< 1 day" },
  { value: "24-72", label: "1–3 days" },
  { value: "72-168", label: "3–7 days" },
  { value: "168-", label: "> 7 days" },
];

export function ageBucketOf(f: QueueFilters): string {
  const v = `${f.ageMinHours ?? ""}-${f.ageMaxHours ?? ""}`;
  return v === "-" ? "" : v;
}

export function ageBucketPatch(value: string): QueueFilters {
  const [min = "", max = ""] = value.split("-");
  return { ageMinHours: min, ageMaxHours: max };
}

/** The part of the filters a saved view remembers (not the page). */
export function viewFilters(f: QueueFilters): QueueFilters {
  const { offset: _o, limit: _l, ...rest } = cleanFilters(f);
  return rest;
}
