import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { listBankAccounts } from "@/lib/bank-accounts/list-bank-accounts.ts";

export const GET = apiRoute(ops.listBankAccounts, () => listBankAccounts());
