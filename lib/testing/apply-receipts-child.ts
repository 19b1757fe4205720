// A separate process that applies receipts, for the cross-process race test (apply-receipts.cross-process.test.ts):
// `node --import tsx lib/testing/apply-receipts-child.ts <correlation id>` with DATABASE_URL set and the receipt
// ids, one per line, on stdin. Waits for "go" in the file named by APPLY_GO_FILE so the processes start together,
// then prints the counts as one JSON line.
import fs from "node:fs";
import { z } from "zod";

const args = z.tuple([z.string().min(1)]).parse(process.argv.slice(2));
const goFile = z.string().min(1).parse(process.env.APPLY_GO_FILE);
const ids = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
const { applyReceipts } = await import("../cash-application/apply-receipts.ts");
const { getDb } = await import("../db/client.ts");
await getDb().$queryRaw`select 1`; // connected before the start, so the processes race on the work, not on connecting
console.log(JSON.stringify({ ready: true }));
while (!fs.existsSync(goFile)) await new Promise((r) => setTimeout(r, 5));
const counts = await applyReceipts(ids, "new", args[0]);
console.log(JSON.stringify({ counts }));
await getDb().$disconnect();
