// `cashline parse-remittance` on XLSX and PDF advices, as a real process: the contract's JSON fields only (the
// extraction stays in the product), --format xlsx|pdf or detection, exit 2 naming the file for a corrupt one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPdf, row } from "../remittance/formats/pdf-testing.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cashline-remit-docs-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const ADVICE_KEYS = ["payment_reference", "payer_name", "payer_id", "payee_name", "currency", "payment_amount", "payment_date", "method", "lines"];

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bin/cashline.ts", "parse-remittance", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Advice");
  [["Check No:", "55012"], ["Currency", "EUR"], [], ["Invoice #", "Invoice Amt", "Deduction", "Reason", "Amount Paid"],
    ["F-2026-1", 500, 20, "freight", 480], ["Total", null, null, null, 480]].forEach((r) => ws.addRow(r));
  fs.writeFileSync(file("advice.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
  fs.writeFileSync(file("advice.pdf"), await buildPdf([[
    { x: 50, y: 720, text: "Remittance No: RA-9" }, { x: 50, y: 705, text: "Currency: USD" },
    ...row(680, [[50, "Invoice"], [200, "Amount Paid"]]), ...row(665, [[50, "INV-1"], [250, "12.00", true]]),
  ]]));
  fs.writeFileSync(file("corrupt.pdf"), "%PDF-1.7\n1 0 obj <<\n%%EOF\n");
  fs.writeFileSync(file("corrupt.xlsx"), "PK\u0003\u0004 not really a zip");
}, 60_000);

describe("cashline parse-remittance on XLSX and PDF", () => {
  it("prints the contract's fields for an XLSX sheet, detected or with --format xlsx", () => {
    for (const args of [[file("advice.xlsx")], [file("advice.xlsx"), "--format", "xlsx"]]) {
      const r = cli(...args);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      const doc = JSON.parse(r.stdout);
      expect(Object.keys(doc.advices[0])).toEqual(ADVICE_KEYS);
      expect(doc).toEqual({ format: "xlsx", advices: [{
        payment_reference: "55012", payer_name: null, payer_id: null, payee_name: null, currency: "EUR", payment_amount: "480.00", payment_date: null, method: null,
        lines: [{ document: "F-2026-1", document_type: "invoice", paid: "480.00", invoice_amount: "500.00", discount: "0.00", adjustments: [{ amount: "-20.00", reason: "FREIGHT", code: "freight", text: null }] }],
      }] });
    }
  });

  it("prints the contract's fields for a PDF advice with --format pdf", () => {
    const r = cli(file("advice.pdf"), "--format", "pdf");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toEqual({ format: "pdf", advices: [{
      payment_reference: "RA-9", payer_name: null, payer_id: null, payee_name: null, currency: "USD", payment_amount: "12.00", payment_date: null, method: null,
      lines: [{ document: "INV-1", document_type: "invoice", paid: "12.00", invoice_amount: null, discount: "0.00", adjustments: [] }],
    }] });
  });

  it("exits 2 with one stderr line naming the file and the problem for a corrupt PDF or XLSX", () => {
    for (const [name, problem] of [["corrupt.pdf", "not a readable PDF"], ["corrupt.xlsx", "not a readable XLSX workbook"]] as const) {
      const r = cli(file(name));
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr.startsWith(`${file(name)}: file: ${problem} (`)).toBe(true);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
