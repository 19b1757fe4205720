// The files the golden tests read and the golden JSON each must produce (testdata/golden/<name>.json, checked by
// hand against the file). Public samples are read in place from ../shared/fixtures; files named testdata/ are ours.
import path from "node:path";
import { BANK_FIXTURES } from "../../testing/bank-fixtures-dir.ts";

const REMITTANCE_FIXTURES = path.resolve(BANK_FIXTURES, "../remittance");
const X218 = "005010_X218_RA820_Payroll_Deducted_and_Other_Group_Premium_Payment_for_Insurance_Products_pass_";

export const GOLDEN_CASES: { name: string; file: string }[] = [
  { name: "stupidedi-003010-pass-1", file: path.join(REMITTANCE_FIXTURES, "stupidedi-820/003010_RA820_pass_1.edi") },
  ...["list-bill-payment", "list-bill", "summary-bill-payment", "summary-bill"].map((n) => ({ name: `stupidedi-x218-${n}`, file: path.join(REMITTANCE_FIXTURES, `stupidedi-820/${X218}${n}.edi`) })),
  { name: "trade-820-004010", file: path.join(import.meta.dirname, "testdata/trade-820-004010.edi") },
  { name: "trade-820-005010-eur", file: path.join(import.meta.dirname, "testdata/trade-820-005010-eur.edi") },
  { name: "lockbox-test", file: path.join(REMITTANCE_FIXTURES, "bai-lockbox/test_lockbox.bai") },
  { name: "lockbox-empty", file: path.join(REMITTANCE_FIXTURES, "bai-lockbox/test_empty_lockbox.bai") },
  { name: "camt054-structured", file: path.join(import.meta.dirname, "testdata/camt054-structured.xml") },
  ...["camt054.v2", "camt054.v4", "camt054.v8", "camt053.v2.minimal", "camt053.v3", "camt053.v8"].map((n) => ({ name: `genkgo-${n}`, file: path.join(BANK_FIXTURES, `genkgo-camt/test/data/${n}.xml`) })),
  { name: "csv-contract", file: path.join(import.meta.dirname, "testdata/remittance.csv") },
];
