// Streams a stored raw document out of PostgreSQL in slices (the column is stored uncompressed, so each slice
// costs its own size): a 200 MB bank file is parsed with a few MB in memory. Bytes become text here, UTF-8
// strictly (NotUtf8Error on the first invalid byte, so the caller can start over as Latin-1) or Latin-1.
import { getPgPool } from "../db/pg-pool.ts";
import { NotUtf8Error } from "./errors.ts";

export const SLICE_BYTES = 1 << 20;

export async function* readDocumentBytes(documentId: string, byteSize: number, onBytes?: (read: number) => void): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < byteSize; offset += SLICE_BYTES) {
    // node-postgres hands bytea back as one Buffer (Prisma would re-encode each slice).
    const { rows: [row] } = await getPgPool().query<{ chunk: Buffer | null }>(
      `select substring(content from $1::int for $2::int) as chunk from "SourceDocument" where id = $3`, [offset + 1, SLICE_BYTES, documentId]);
    if (!row?.chunk) return;
    onBytes?.(Math.min(byteSize, offset + row.chunk.length));
    yield row.chunk;
  }
}

export async function* decodeText(chunks: AsyncIterable<Uint8Array>, encoding: "utf-8" | "latin1"): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  for await (const chunk of chunks) {
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch (err) {
      if (err instanceof TypeError) throw new NotUtf8Error("not UTF-8");
      throw err;
    }
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
