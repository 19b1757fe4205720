// Builds PDF remittance advices for tests with pdf-lib: text at positions, amounts right-aligned to a column edge.
import { PDFDocument, StandardFonts } from "pdf-lib";

export type PdfText = { x: number; y: number; text: string; size?: number; right?: boolean };

export async function buildPdf(pages: PdfText[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const texts of pages) {
    const page = doc.addPage([612, 792]);
    for (const t of texts) {
      const size = t.size ?? 9;
      const x = t.right ? t.x - font.widthOfTextAtSize(t.text, size) : t.x;
      page.drawText(t.text, { x, y: t.y, size, font });
    }
  }
  return doc.save();
}

/** One table row: [x, text, right-aligned?] cells on a baseline. */
export const row = (y: number, cells: [number, string, boolean?][]): PdfText[] =>
  cells.filter(([, text]) => text !== "").map(([x, text, right]) => ({ x, y, text, right }));
