import { describe, expect, it } from "vitest";
import { listExceptionsQuery } from "@/lib/exceptions/queue-query.ts";
import { ageBucketOf, ageBucketPatch, cleanFilters, toParams, viewFilters } from "./queue-params.ts";

describe("queue params", () => {
  it("keeps URLs short and stable: defaults and blanks dropped, keys sorted", () => {
    expect(toParams({ status: "ACTIVE", sort: "sla", dir: "asc", offset: "0", q: "", code: "SHORT_PAY", assignee: "me" })).toBe("assignee=me&code=SHORT_PAY");
    expect(cleanFilters({ status: "ALL", offset: "50" })).toEqual({ status: "ALL", offset: "50" });
    expect(viewFilters({ code: "X", offset: "50", limit: "100" })).toEqual({ code: "X" });
  });
  it("maps the age buckets to hour bounds the API accepts", () => {
    const patch = ageBucketPatch("24-72");
    expect(patch).toEqual({ ageMinHours: "24", ageMaxHours: "72" });
    expect(ageBucketOf(patch)).toBe("24-72");
    expect(ageBucketOf(ageBucketPatch(""))).toBe("");
    expect(listExceptionsQuery.parse(cleanFilters(ageBucketPatch("168-")))).toMatchObject({ ageMinHours: 168 });
  });
});
