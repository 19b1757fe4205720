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

const PIECE_CHARS = 64 * 1024;

/**
 * The text in pieces of ~64K characters with a turn of the event loop between them. The parsers work through a
 * piece synchronously; with 1 MB slices that held the event loop for 50–80 ms at a time, during which the
 * database's answers to the batch writer waited and PostgreSQL sat idle.
 */
export async function* inPieces(text: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const chunk of text) {
    for (let start = 0; start < chunk.length;) {
      let end = Math.min(chunk.length, start + PIECE_CHARS);
      if (end < chunk.length && /[\uDC00-\uDFFF]/.test(chunk[end]!)) end++; // never split a surrogate pair
      yield chunk.slice(start, end);
      start = end;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
