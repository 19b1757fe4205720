// `npm run db:seed`: load the demo company into an empty database (no-op when data exists).
import { prepareDemoDatabase } from "./lib/database.ts";

const prepared = await prepareDemoDatabase((m) => console.log(m));
process.env.DATABASE_URL = prepared.ownerUrl; // the seed runs as the owner
const { getDb, disconnectDb } = await import("../lib/db/client.ts");
const { seedDemo } = await import("../lib/demo/seed-demo.ts");
const t = Date.now();
const result = await seedDemo(getDb(), { password: process.env.DEMO_PASSWORD ?? "cashline-demo" });
console.log(result.seeded ? `seeded in ${Date.now() - t} ms: ${JSON.stringify(result.counts)}` : "database already holds data: seed skipped");
await disconnectDb();
await prepared.local?.stop();
