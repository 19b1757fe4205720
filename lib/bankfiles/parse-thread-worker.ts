// The parse thread's side (see parse-thread.ts): one file at a time, text pieces in, the events each piece
// produced back in one message. Any failure answers with an error and resets, so the thread serves the next file.
import { parentPort } from "node:worker_threads";
import { StatementParseError } from "./errors.ts";
import { StatementTextStream, type FormatOption } from "./index.ts";
import { EventPacker, type PackedEvents } from "./packed-events.ts";

/** `session` numbers the files a thread parses: a late answer to an earlier file is told apart. */
export type ThreadRequest = { session: number } & (
  | { kind: "start"; format: FormatOption }
  | { kind: "write"; text: string }
  | { kind: "end" });

export type ThreadReply = { session: number } & (
  /** The events of one piece, packed into one string (packed-events.ts): cheaper to pass than 1,000s of objects. */
  | { kind: "events"; packed: PackedEvents }
  | { kind: "refused"; problem: string; line?: number; xmlPath?: string });

type Answer = ThreadReply extends infer R ? (R extends ThreadReply ? Omit<R, "session"> : never) : never;

let stream: StatementTextStream | null = null;
let events = new EventPacker();

function handle(msg: ThreadRequest): Answer {
  if (msg.kind === "start") {
    events = new EventPacker();
    stream = new StatementTextStream((e) => events.push(e), { format: msg.format });
    return { kind: "events", packed: events.take() };
  }
  if (!stream) return { kind: "refused", problem: "the parser was not started (an earlier error ended this file)" };
  try {
    if (msg.kind === "write") stream.write(msg.text);
    else stream.end();
    if (msg.kind === "end") stream = null;
    return { kind: "events", packed: events.take() };
  } catch (e) {
    stream = null;
    events = new EventPacker();
    if (e instanceof StatementParseError) return { kind: "refused", problem: e.problem, line: e.line, xmlPath: e.xmlPath };
    // A parser bug on hostile input is still a refusal of that file, not a crash of the worker.
    return { kind: "refused", problem: `unreadable input (parser failure: ${e instanceof Error ? e.message : String(e)})` };
  }
}

parentPort!.on("message", (msg: ThreadRequest) => parentPort!.postMessage({ ...handle(msg), session: msg.session }));
