// Pure: orders candidate invoices for a receipt the way an analyst would look at them: the engine's suggestion
// first, then the identified customer's invoices, then everyone else's; within each, an invoice the remittance
// names and an exact amount come first, then by how close the open amount is to the cash.
export type CandidateInput = {
  id: string; number: string; poNumber: string | null; customerId: string; openAmountMinor: bigint; status: string;
};
export type RankedCandidate<T> = T & { group: "suggested" | "customer" | "other"; why: string[] };

const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, "");

export function rankCandidates<T extends CandidateInput>(
  invoices: T[],
  ctx: { suggestedIds: string[]; customerId: string | null; targetMinor: bigint; referenceText: string },
): RankedCandidate<T>[] {
  const refs = norm(ctx.referenceText);
  const scored = invoices.map((inv) => {
    const why: string[] = [];
    const group = ctx.suggestedIds.includes(inv.id) ? "suggested" : inv.customerId === ctx.customerId ? "customer" : "other";
    if (group === "suggested") why.push("suggested by the matching engine");
    if (group === "customer") why.push("identified customer");
    const named = refs.length > 0 && ((norm(inv.number).length >= 4 && refs.includes(norm(inv.number))) || (!!inv.poNumber && norm(inv.poNumber).length >= 4 && refs.includes(norm(inv.poNumber))));
    if (named) why.push("named in the remittance");
    const diff = inv.openAmountMinor > ctx.targetMinor ? inv.openAmountMinor - ctx.targetMinor : ctx.targetMinor - inv.openAmountMinor;
    if (diff === 0n && inv.openAmountMinor > 0n) why.push("exact amount");
    if (inv.status !== "OPEN" && inv.status !== "PARTIALLY_PAID") why.push(`already ${inv.status.toLowerCase().replace("_", " ")}`);
    const rank = [group === "suggested" ? 0 : group === "customer" ? 1 : 2, named ? 0 : 1, diff === 0n ? 0 : 1] as const;
    return { inv: { ...inv, group, why } as RankedCandidate<T>, rank, diff };
  });
  scored.sort((a, b) => {
    for (let i = 0; i < 3; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    if (a.diff !== b.diff) return a.diff < b.diff ? -1 : 1;
    return a.inv.number.localeCompare(b.inv.number);
  });
  return scored.map((s) => s.inv);
}
