// `tsx scripts/check-database-invariants.ts` (DATABASE_URL): prints the invariant violations as JSON and exits 1
// when there is any. The browser suite runs it last against its database.
import { getDb, disconnectDb } from "../lib/db/client.ts";
import { checkDatabaseInvariants } from "../lib/demo/check-database-invariants.ts";

const violations = await checkDatabaseInvariants(getDb());
await disconnectDb();
console.log(JSON.stringify(violations));
process.exit(Object.values(violations).some((v) => v.length > 0) ? 1 : 0);
