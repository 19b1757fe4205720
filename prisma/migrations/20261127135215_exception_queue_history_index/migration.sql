-- CreateIndex
CREATE INDEX "ExceptionCase_slaDueAt_idx" ON "ExceptionCase"("slaDueAt");
