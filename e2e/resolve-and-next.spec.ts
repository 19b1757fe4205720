// Analyst throughput on a filtered queue: open a case from the queue, resolve it with "Resolve and next" on, land
// on the next case of the SAME filtered queue; "u" goes back to the queue with its filters and the cursor on the row.
import { expect, test } from "@playwright/test";
import { toMinor } from "../lib/money/money.ts";
import { apiSession, signInWithForm } from "./helpers.ts";

type Row = { id: string; receiptId: string | null };
type Candidate = { id: string; group: string; applicable: boolean; open: string };
type Ws = { receipt: { unapplied: string; currency: string } | null };

const FILTERS = "code=SHORT_PAY&status=OPEN";

test("resolve and next walks the filtered queue; u returns to it with filters and cursor kept", async ({ page, baseURL }) => {
  const api = await apiSession(baseURL!, "AR_ANALYST");
  const rows = ((await (await api.get(`/api/v1/exceptions?${FILTERS}`)).json()) as { items: Row[] }).items;
  expect(rows.length).toBeGreaterThan(2);
  // The first case of the queue a short pay can settle: its suggested invoice is open for more than was paid.
  let at = -1;
  for (let i = 0; i < rows.length - 1 && at < 0; i++) {
    const row = rows[i]!;
    if (!row.receiptId) continue;
    const ws = (await (await api.get(`/api/v1/exceptions/${row.id}`)).json()) as Ws;
    const cands = ((await (await api.get(`/api/v1/receipts/${row.receiptId}/candidates`)).json()) as { items: Candidate[] }).items;
    const s = cands.find((c) => c.group === "suggested" && c.applicable);
    if (ws.receipt && s && toMinor(s.open, ws.receipt.currency) > toMinor(ws.receipt.unapplied, ws.receipt.currency)) at = i;
  }
  expect(at, "a short-pay case the suggestion settles").toBeGreaterThanOrEqual(0);
  const current = rows[at]!.id;
  const next = rows[at + 1]!.id;

  await signInWithForm(page, "AR_ANALYST");
  await page.goto(`/exceptions?${FILTERS}`);
  await expect(page.getByTestId("exceptions-table")).toBeVisible();
  await page.locator(`tr[data-case-id="${current}"] a`).first().click();
  await expect(page).toHaveURL(new RegExp(`/exceptions/${current}$`));

  await page.getByTestId("resolve-and-next").check();
  await page.getByRole("button", { name: "use suggestion" }).click();
  await page.getByRole("tab", { name: "Short pay" }).click();
  await page.getByRole("button", { name: "Short pay 1 invoice" }).click();

  // The next case of the same filtered queue opens by itself, saying what happened to the previous one.
  await expect(page).toHaveURL(new RegExp(`/exceptions/${next}$`));
  await expect(page.getByTestId("previous-result")).toContainText("Receipt fully applied");
  const resolved = (await (await api.get(`/api/v1/exceptions/${current}`)).json()) as { case: { status: string } };
  expect(resolved.case.status).toBe("RESOLVED");

  // Back to the queue: same filters in the URL and the filter bar, cursor on the case we were on.
  await expect(page.getByTestId("back-to-queue")).toHaveAttribute("href", `/exceptions?${FILTERS}`);
  await page.keyboard.press("u");
  await expect(page).toHaveURL(new RegExp(`/exceptions\\?${FILTERS.replace("&", "&")}$`));
  await expect(page.getByRole("combobox", { name: "Code" })).toHaveValue("SHORT_PAY");
  const cursorRow = page.locator(`tr[data-case-id="${next}"]`);
  await expect(cursorRow).toHaveClass(/cursor/);
  await expect(cursorRow).toBeFocused();
  await expect(page.locator(`tr[data-case-id="${current}"]`)).toHaveCount(0);
});
