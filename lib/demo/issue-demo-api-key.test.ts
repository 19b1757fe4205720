import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { authenticateApiKey } from "../api-keys/authenticate-api-key.ts";
import { issueDemoApiKey } from "./issue-demo-api-key.ts";

useFreshDatabase();

describe("demo API keys", () => {
  it("revokes the key an earlier demo start issued when it issues a new one", async () => {
    const input = { name: "billing simulator (demo)", system: "billing", scopes: ["billing:events"] };
    const first = await issueDemoApiKey(input);
    const second = await issueDemoApiKey(input);
    expect(second.revoked).toBe(1);
    const live = await getDb().apiKey.findMany({ where: { name: input.name, revokedAt: null } });
    expect(live.map((k) => k.id)).toEqual([second.id]);
    expect(await authenticateApiKey(first.token, "billing:events")).toBeNull();
    expect(await authenticateApiKey(second.token, "billing:events")).not.toBeNull();
    const audit = await getDb().auditLog.findMany({ where: { action: "api_key.revoked", targetId: first.id } });
    expect(audit).toHaveLength(1);
  });
});
