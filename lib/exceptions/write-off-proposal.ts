// A write-off above its proposer's limit waits on its case (status PENDING_APPROVAL) as a stored plan: exactly the
// lines the proposer asked for, re-validated and carried out when a second person approves.
import { z } from "zod";
import type { PlanLine } from "./validate-plan.ts";

const minor = z.string().regex(/^\d+$/);
export const writeOffProposalSchema = z.object({
  receiptId: z.string(),
  receiptVersion: z.number().int(),
  currency: z.string(),
  writeOffMinor: minor,
  reasonCode: z.string(),
  lines: z.array(z.object({
    kind: z.enum(["INVOICE", "DEDUCTION", "ON_ACCOUNT", "WRITE_OFF"]),
    amountMinor: minor,
    invoiceId: z.string().nullish(),
    customerId: z.string().nullish(),
    reasonCode: z.string().nullish(),
  })),
  note: z.string().nullable(),
  proposedById: z.string(),
  proposedByName: z.string(),
  proposedAt: z.string(),
});
export type WriteOffProposal = z.infer<typeof writeOffProposalSchema>;

export function linesToJson(lines: PlanLine[]): WriteOffProposal["lines"] {
  return lines.map((l) => ({
    kind: l.kind, amountMinor: String(l.amountMinor),
    invoiceId: "invoiceId" in l ? (l.invoiceId ?? null) : null,
    customerId: l.kind === "ON_ACCOUNT" ? l.customerId : null,
    reasonCode: "reasonCode" in l ? l.reasonCode : null,
  }));
}

export function linesFromJson(lines: WriteOffProposal["lines"]): PlanLine[] {
  return lines.map((l): PlanLine => {
    const amountMinor = BigInt(l.amountMinor);
    switch (l.kind) {
      case "INVOICE": return { kind: "INVOICE", invoiceId: l.invoiceId!, amountMinor };
      case "DEDUCTION": return { kind: "DEDUCTION", invoiceId: l.invoiceId!, amountMinor, reasonCode: l.reasonCode! };
      case "ON_ACCOUNT": return { kind: "ON_ACCOUNT", customerId: l.customerId!, amountMinor };
      case "WRITE_OFF": return { kind: "WRITE_OFF", amountMinor, reasonCode: l.reasonCode!, invoiceId: l.invoiceId ?? null };
    }
  });
}
