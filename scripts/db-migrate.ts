// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the demo's embedded database).
import { prepareDemoDatabase } from "./lib/database.ts";

const db = await prepareDemoDatabase((m) => console.log(m));
await db.local?.stop();
