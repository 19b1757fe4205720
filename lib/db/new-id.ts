// Ids made in the application for rows inserted in bulk with raw SQL (Prisma makes its cuid()s only for rows it
// inserts itself). Time-ordered like a cuid — a timestamp prefix keeps a batch's ids close together in the
// primary-key index — then a per-process counter and a per-process random tag: unique without a random draw
// per id (bulk ingestion makes ~200,000 of them per 100,000-line file).
import crypto from "node:crypto";

const tag = crypto.randomBytes(6).toString("hex").slice(0, 11);
let counter = crypto.randomInt(0, 36 ** 4);

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(9, "0")}${counter.toString(36).padStart(4, "0")}${tag}`;
}
