// Keeps a raw payload exactly as it arrived, keyed by its SHA-256: the same bytes delivered twice are one
// document. Returns the document whether this call stored it or an earlier one did.
import crypto from "node:crypto";
import type { Prisma } from "../db/generated/client.ts";

type Tx = Pick<Prisma.TransactionClient, "sourceDocument">;

export type SourceDocumentInput = {
  kind: string;
  sourceSystem: string;
  content: string | Buffer;
  contentType: string;
  filename?: string | null;
  format?: string | null;
  status?: "RECEIVED" | "PROCESSING" | "PROCESSED" | "QUARANTINED";
  uploadedBy?: string | null;
  correlationId?: string | null;
};

export function sha256Hex(content: string | Buffer): string {
  return crypto.createHash("sha256").update(content).digest("hex");
}

export async function storeSourceDocument(tx: Tx, input: SourceDocumentInput) {
  const bytes = typeof input.content === "string" ? Buffer.from(input.content, "utf8") : input.content;
  const sha256 = sha256Hex(bytes);
  const inserted = await tx.sourceDocument.createMany({
    data: [{
      kind: input.kind, sourceSystem: input.sourceSystem, sha256, filename: input.filename ?? null, contentType: input.contentType,
      byteSize: bytes.length, content: new Uint8Array(bytes), format: input.format ?? null, status: input.status ?? "RECEIVED",
      uploadedBy: input.uploadedBy ?? null, correlationId: input.correlationId ?? null,
    }],
    skipDuplicates: true,
  });
  const doc = await tx.sourceDocument.findUniqueOrThrow({ where: { sha256 }, select: { id: true, sha256: true, status: true, entriesParsed: true, entriesStored: true } });
  return { ...doc, created: inserted.count === 1 };
}
