// Plain words for the return and change codes people meet most (NACHA R/C codes, ISO 20022 return reasons).
const REASONS: Record<string, string> = {
  R01: "insufficient funds", R02: "account closed", R03: "no account / unable to locate account", R04: "invalid account number",
  R05: "unauthorized debit to consumer account", R06: "returned per ODFI request", R07: "authorization revoked by customer",
  R08: "payment stopped", R09: "uncollected funds", R10: "customer advises not authorized", R11: "not in accordance with authorization",
  R12: "account sold to another institution", R16: "account frozen", R20: "non-transaction account", R23: "credit refused by receiver",
  R24: "duplicate entry", R29: "corporate customer advises not authorized",
  C01: "incorrect account number", C02: "incorrect routing number", C03: "incorrect routing and account number",
  C05: "incorrect transaction code", C06: "incorrect account number and transaction code", C07: "incorrect routing number, account number and transaction code",
  C09: "incorrect receiver identification number",
  AC01: "incorrect account number", AC04: "account closed", AC06: "account blocked", AG01: "transaction forbidden", AM04: "insufficient funds",
  AM05: "duplication", MD01: "no mandate", MD06: "refund requested by the debtor", MS02: "not specified, by the customer", MS03: "not specified, by the agent",
  RR04: "regulatory reason", SL01: "specific service offered by the debtor's bank", FOCR: "following a cancellation request", DUPL: "duplicate payment",
};

export function describeReason(code: string | null): string {
  if (!code) return "no reason code given";
  return REASONS[code] ? `${code} (${REASONS[code]})` : code;
}
