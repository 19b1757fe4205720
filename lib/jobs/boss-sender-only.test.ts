// The web's pg-boss only sends: no LISTEN connection, no maintenance or cron polling. So a web whose database is
// gone has nothing retrying in the background (requests fail on their own, one by one) — and the jobs it sends
// still wake the workers through the queue's NOTIFY.
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase, queryAsOwner } from "../testing/test-database.ts";
import { getBoss, onBossError, stopBoss, useBossAsSenderOnly } from "./boss.ts";
import { startTcpProxy, type TcpProxy } from "../testing/tcp-proxy.ts";

const database = useFreshDatabase();
let proxy: TcpProxy | undefined;
afterAll(async () => {
  await stopBoss({ graceful: false });
  await proxy?.close();
});

describe("pg-boss in the web process", () => {
  it("opens no LISTEN connection and polls nothing while its database is away", async () => {
    const url = new URL(database.url());
    proxy = await startTcpProxy(url.hostname, Number(url.port));
    url.port = String(proxy.port);
    process.env.DATABASE_URL = url.toString();
    useBossAsSenderOnly();
    const errors: string[] = [];
    onBossError((e) => errors.push(e.message));
    const boss = await getBoss();
    await boss.createQueue("sender-only-test").catch(() => {});
    expect(await boss.send("sender-only-test", { n: 1 })).toBeTruthy();
    const listening = await queryAsOwner(database.ownerUrl(), "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
    expect(listening.rows[0].n).toBe(0);

    await proxy.cut();
    // Idle pooled connections report their end once; after that nothing in the background retries.
    await new Promise((r) => setTimeout(r, 1000));
    const atCut = errors.length;
    expect(errors.every((m) => /terminated|ended|ECONNRESET/i.test(m))).toBe(true);
    await new Promise((r) => setTimeout(r, 8000));
    // No supervise/timekeeper/listener loop hit the missing database.
    expect(errors.slice(atCut)).toEqual([]);
    // A send now fails at once with a connection error, for the request to answer 503.
    await expect(boss.send("sender-only-test", { n: 2 })).rejects.toThrow(/ECONNREFUSED|terminated|connect/i);
    await proxy.restore();
    expect(await boss.send("sender-only-test", { n: 3 })).toBeTruthy();
  }, 60_000);
});
