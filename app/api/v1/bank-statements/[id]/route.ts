import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { getBankFile } from "@/lib/bank-ingestion/get-bank-file.ts";

export const GET = apiRoute(ops.getBankStatement, ({ params }) => getBankFile(params.id));
