-- Audit search by actor (lib/audit/find-audit-values.ts): a skip scan of this index finds the few distinct actor
-- labels containing the text; the search then reads those labels' entries of the date range by index.
-- CreateIndex
CREATE INDEX "AuditLog_actorLabel_at_idx" ON "AuditLog"("actorLabel", "at");
