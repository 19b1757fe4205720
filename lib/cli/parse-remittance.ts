// `cashline parse-remittance FILE [--format auto|x12-820|csv|camt054|xlsx|pdf]`
// Contract: ../shared/contracts/remittance.md. Exit 0 with one JSON document on stdout; exit 2 with one line on
// stderr (file, line or segment/element, problem) and nothing on stdout. The same parseRemittanceAsync as the product.
// --format also takes the other formats of lib/remittance (camt053, bai2-lockbox, xlsx, pdf).
import { parseRemittanceAsync } from "../remittance/parse-remittance.ts";
import { REMITTANCE_FORMATS, RemittanceParseError } from "../remittance/types.ts";
import { runFileCommand } from "./file-command.ts";

const USAGE = "usage: cashline parse-remittance FILE [--format auto|x12-820|csv|camt054|xlsx|pdf]";
const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ");

export function run(argv: string[]): Promise<number> {
  return runFileCommand({
    command: "parse-remittance", usage: USAGE, formats: REMITTANCE_FORMATS, argv,
    parse: async (bytes, args) => {
      const { format, advices } = await parseRemittanceAsync(bytes, { format: args.format, fileName: args.file });
      // The contract's fields only: an XLSX/PDF advice's `extraction` (confidence, mapping) is the product's.
      const printed = advices.map(({ extraction: _extraction, ...advice }) => advice);
      process.stdout.write(JSON.stringify({ format, advices: printed }, null, 2) + "\n");
    },
    refusal: (e, file) => (e instanceof RemittanceParseError ? oneLine(`${file}: ${e.message}`) : null),
  });
}
