// What each billing event handler gets, and how a handled event is answered.
import type { Prisma } from "../db/generated/client.ts";
import type { BillingEventResult } from "./billing-event-schema.ts";

export type BillingContext = { tx: Prisma.TransactionClient; eventId: string; documentId: string; correlationId: string; occurredAt: Date };

export type BillingOutcome = {
  inbound: "PROCESSED" | "PENDING" | "HELD";
  waitingFor?: string;
  result: Omit<BillingEventResult, "id" | "type" | "duplicate">;
  /** Set when an invoice now exists that parked events may wait for. */
  invoiceKey?: string;
};

/** A fact Cashline cannot take as sent (unknown entity, …): nothing is stored, the sender fixes and resends. */
export class RejectedBillingEvent extends Error {}

export const waitingForCustomer = (billingCustomerId: string) => `billing-customer:${billingCustomerId}`;
export const invoiceKey = (entityCode: string, number: string) => `billing-invoice:${entityCode}:${number}`;
