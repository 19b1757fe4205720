// SAP S/4HANA Cloud simulator: start it in-process (tests, demo) with startSapSim; see ./README.md.
export { startSapSim, JE_POST_PATH, JE_CLEARING_PATH, type SapSim, type SapSimOptions } from "./server.ts";
export { SAP_SIM_DEFAULT_AUTH, TOKEN_PATH } from "./auth.ts";
export type { SapLedgerSnapshot, NormalisedReceipt } from "./ledger-view.ts";
