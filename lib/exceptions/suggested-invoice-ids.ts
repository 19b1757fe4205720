// Pure: the invoice ids the matching engine pointed at, wherever they sit in the case's suggestion or the receipt's
// match decision (their JSON shapes belong to the engine and may grow; any "invoiceId" key counts).
export function suggestedInvoiceIds(...docs: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 6 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    for (const [k, x] of Object.entries(v)) {
      if ((k === "invoiceId" || k === "invoice_id") && typeof x === "string") out.add(x);
      else if (k === "invoiceIds" && Array.isArray(x)) x.forEach((i) => typeof i === "string" && out.add(i));
      else walk(x, depth + 1);
    }
  };
  docs.forEach((d) => walk(d, 0));
  return [...out];
}
