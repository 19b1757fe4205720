import { describe, expect, it } from "vitest";
import { overrunningHandlers, startHangWatchdog, watchHandler } from "./handler-watch.ts";

describe("handler watch", () => {
  it("names handlers past their expiry plus the grace, longest first, and forgets them when they return", () => {
    const t0 = 1_000_000;
    const a = watchHandler("q.a", 10, () => t0);
    const b = watchHandler("q.b", 5, () => t0 + 1_000);
    expect(overrunningHandlers(2_000, t0 + 8_000)).toEqual([]);
    expect(overrunningHandlers(2_000, t0 + 12_500)).toEqual([{ queue: "q.a", runningSeconds: 13, expireInSeconds: 10 }, { queue: "q.b", runningSeconds: 12, expireInSeconds: 5 }]);
    a();
    expect(overrunningHandlers(2_000, t0 + 12_500)).toEqual([{ queue: "q.b", runningSeconds: 12, expireInSeconds: 5 }]);
    b();
    expect(overrunningHandlers(0, t0 + 100_000)).toEqual([]);
  });

  it("the watchdog calls once when a handler hangs past the grace", async () => {
    const done = watchHandler("q.hangs", 0);
    const calls: string[][] = [];
    startHangWatchdog({ graceMs: 50, everyMs: 20, onHung: (hung) => calls.push(hung.map((h) => h.queue)) });
    await new Promise((r) => setTimeout(r, 200));
    done();
    expect(calls).toEqual([["q.hangs"]]);
  });
});
