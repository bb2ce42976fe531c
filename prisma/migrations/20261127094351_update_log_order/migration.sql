-- CreateIndex
CREATE INDEX "StatusUpdate_observedOn_createdAt_id_idx" ON "StatusUpdate"("observedOn", "createdAt", "id");
