// Oracle NetSuite simulator (SuiteTalk REST web services): see ./README.md.
export { startNetsuiteSim, type NetsuiteSim, type NetsuiteSimOptions, type NetsuiteRequestLog } from "./server.ts";
export type { NetsuiteSimCredentials } from "./credentials.ts";
export type { M2mClient, TbaCredential } from "./auth.ts";
