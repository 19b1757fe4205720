-- Open invoices by entity and currency (lib/fx/get-fx-revaluation.ts): the revaluation reads the foreign-currency
-- ones as two ranges around the entity's own currency. Partial on "open", like Invoice_open_amount_idx, so it stays
-- the size of the open book, not of all history. Not expressible in schema.prisma (partial index).
CREATE INDEX IF NOT EXISTS "Invoice_open_foreign_idx" ON "Invoice" ("entityId", currency, "issueDate")
  WHERE status IN ('OPEN', 'PARTIALLY_PAID') AND "openAmountMinor" > 0;
