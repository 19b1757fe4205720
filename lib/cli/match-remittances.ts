// `cashline match --remittances FILE …`: remittance files read, their advices linked to the receipts
// (lib/remittance/link-advices.ts) and handed to the engine with each receipt (remittance.md).
import { readFileSync } from "node:fs";
import { InputError } from "../cashapp/load-files.ts";
import { linkAdvices, payerResolver } from "../remittance/link-advices.ts";
import { RemittanceParseError, type RemittanceAdvice } from "../remittance/types.ts";
import type { CashApplicationEngine, LinkedAdvice, ReceiptInput } from "../cashapp/engine.ts";
// The ONE import of the remittance parser on the CLI path: the product's (every format, XLSX and PDF included).
import { parseRemittanceAsync } from "../remittance/parse-remittance.ts";

/** Every advice of every file, in order; an unreadable file is an InputError naming it. */
export async function loadRemittances(files: readonly string[]): Promise<RemittanceAdvice[]> {
  const out: RemittanceAdvice[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(file, 1, code === "ENOENT" ? "file not found" : `cannot read file (${code ?? e})`);
    }
    try {
      out.push(...(await parseRemittanceAsync(bytes, { format: "auto", fileName: file })).advices.map(({ extraction: _x, ...a }) => a));
    } catch (e) {
      if (e instanceof RemittanceParseError) {
        const where = e.where.startsWith(file) ? e.where.slice(file.length).replace(/^:\s*/, "") : e.where;
        // InputError prints "file: line N: …" itself: keep only what the place adds (a column, a segment).
        const rest = where.replace(/^line \d+(,\s*)?/, "");
        throw new InputError(file, Number(/line (\d+)/.exec(where)?.[1] ?? 1), `${rest ? `${rest}: ` : ""}${e.problem}`);
      }
      throw e;
    }
  }
  return out;
}

/** Receipt id → the advice linked to it (one to one), with the link's rule and confidence. */
export function linkForMatch(engine: CashApplicationEngine, receipts: readonly ReceiptInput[], advices: readonly RemittanceAdvice[]): Map<string, LinkedAdvice> {
  const { links } = linkAdvices(advices, receipts, { payers: payerResolver(engine.index) });
  const out = new Map<string, LinkedAdvice>();
  for (const l of links) out.set(l.receiptId, { advice: advices[l.advice]!, confidence: l.confidence, rule: l.reason });
  return out;
}
