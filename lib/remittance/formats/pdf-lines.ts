// PDF text with positions (unpdf: pdf.js without a worker) rebuilt into lines (items sharing a baseline) of cells
// (items closer than a space apart), each cell with its x range, for the table reader in pdf-advice.ts.
import { getDocumentProxy } from "unpdf";
import { RemittanceParseError } from "../types.ts";

export type PdfCell = { text: string; x0: number; x1: number };
export type PdfLine = { page: number; number: number; y: number; cells: PdfCell[] };

const MAX_BYTES = 20 * 1024 * 1024;
const MAX_PAGES = 50;
const MAX_ITEMS = 20_000;
const TIMEOUT_MS = 20_000;

type Item = { str: string; x: number; y: number; w: number; h: number };

export async function pdfLines(bytes: Uint8Array): Promise<PdfLine[]> {
  if (bytes.length > MAX_BYTES) throw new RemittanceParseError("file", `larger than ${MAX_BYTES / 1024 / 1024} MiB`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RemittanceParseError("file", `PDF text not extracted within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([extract(bytes), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function extract(bytes: Uint8Array): Promise<PdfLine[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (e) {
    throw new RemittanceParseError("file", `not a readable PDF (${(e as Error).message.slice(0, 120)})`);
  }
  try {
    if (pdf.numPages > MAX_PAGES) throw new RemittanceParseError("file", `more than ${MAX_PAGES} pages`);
    const lines: PdfLine[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      let items: Item[];
      try {
        const content = await (await pdf.getPage(p)).getTextContent();
        if (content.items.length > MAX_ITEMS) throw new RemittanceParseError(`page ${p}`, `more than ${MAX_ITEMS} text items`);
        items = content.items.flatMap((it) => ("str" in it && it.str.trim() !== ""
          ? [{ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, w: it.width, h: it.height || Math.abs(it.transform[3] as number) }]
          : []));
      } catch (e) {
        if (e instanceof RemittanceParseError) throw e;
        throw new RemittanceParseError(`page ${p}`, `text cannot be read (${(e as Error).message.slice(0, 120)})`);
      }
      lines.push(...pageLines(items, p));
    }
    return lines;
  } finally {
    await pdf.loadingTask.destroy(); // frees the document (pdf.js keeps it otherwise)
  }
}

/** Items on one baseline (within a third of their height) form a line, top to bottom; close items form a cell. */
function pageLines(items: Item[], page: number): PdfLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Item[][] = [];
  for (const it of sorted) {
    const g = groups.at(-1);
    if (g && Math.abs(g[0]!.y - it.y) <= Math.max(2, g[0]!.h / 3)) g.push(it);
    else groups.push([it]);
  }
  return groups.map((g, i) => {
    const cells: PdfCell[] = [];
    for (const it of g.sort((a, b) => a.x - b.x)) {
      const last = cells.at(-1);
      const gap = last ? it.x - last.x1 : Infinity;
      // Closer than about one space of this font: the same cell (a word split into items, "Invoice" + " Amount").
      if (last && gap < Math.max(2, it.h * 0.35)) {
        last.text += (gap > it.h * 0.1 && !last.text.endsWith(" ") && !it.str.startsWith(" ") ? " " : "") + it.str;
        last.x1 = Math.max(last.x1, it.x + it.w);
      } else {
        cells.push({ text: it.str, x0: it.x, x1: it.x + it.w });
      }
    }
    for (const c of cells) c.text = c.text.replace(/\s+/g, " ").trim();
    return { page, number: i + 1, y: g[0]!.y, cells };
  });
}
