// Entry of the parse thread (parse-thread.ts): TypeScript loads through tsx's hooks, registered here because a
// worker thread started from a test runner does not inherit them.
import { register } from "tsx/esm/api";

register();
await import("./parse-thread-worker.ts");
