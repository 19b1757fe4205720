// Where the shared bank-file fixtures live: `shared/fixtures/bankfiles` next to the checkout (../shared from the
// main checkout, ../../shared from a worktree under wt/). The nearest ancestor that has it wins, so tests run the
// same from either place; CASHLINE_BANK_FIXTURES overrides.
import { existsSync } from "node:fs";
import path from "node:path";

function findFixtures(): string {
  if (process.env.CASHLINE_BANK_FIXTURES) return path.resolve(process.env.CASHLINE_BANK_FIXTURES);
  const root = path.resolve(import.meta.dirname, "../..");
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared/fixtures/bankfiles");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(root, "../shared/fixtures/bankfiles");
  }
}

export const BANK_FIXTURES = findFixtures();
