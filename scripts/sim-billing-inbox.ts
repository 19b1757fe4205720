// `npx tsx scripts/sim-billing-inbox.ts --port 4020 --secret whsec_…`: the billing platform's receiving side. Register
// http://127.0.0.1:4020/webhooks/cashline as a webhook subscriber (event types deduction.credit_memo_requested,
// deduction.collection_requested) and pass its secret here; GET /__sim/credit-memo-requests shows what arrived.
import { parseArgs } from "node:util";
import { startBillingInbox } from "../lib/simulators/billing-inbox.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "4020" }, secret: { type: "string", default: process.env.BILLING_INBOX_SECRET ?? "" } } });
const inbox = await startBillingInbox({ port: Number(values.port), secret: values.secret });
console.log(JSON.stringify({ msg: "billing inbox listening", url: `${inbox.url}/webhooks/cashline`, secretSet: !!values.secret }));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => { void inbox.stop().then(() => process.exit(0)); });
