import { describe, expect, it } from "vitest";
import { pickNextCase, queueHref } from "./queue-context.ts";

describe("resolve and next: the next case of the same filtered queue", () => {
  it("takes the case after the resolved one in the order the analyst saw", () => {
    // c2 was resolved and has left the queue; c3 comes next, not c1 (which the analyst already passed).
    expect(pickNextCase(["c1", "c3", "c4"], ["c1", "c2", "c3", "c4"], "c2")).toBe("c3");
  });
  it("skips cases that left the queue meanwhile, and falls back to the queue's head", () => {
    expect(pickNextCase(["c1", "c4"], ["c1", "c2", "c3", "c4"], "c2")).toBe("c4");
    expect(pickNextCase(["c1", "c9"], ["c1", "c2"], "c2")).toBe("c1");
    expect(pickNextCase(["c2"], ["c2"], "c2")).toBeNull();
  });
  it("goes back to the queue with its filters", () => {
    expect(queueHref({ params: "code=SHORT_PAY&entity=DE01", ids: [], cursorId: null })).toBe("/exceptions?code=SHORT_PAY&entity=DE01");
    expect(queueHref(null)).toBe("/exceptions");
  });
});
