// Types of the bank-file API responses, as the page's client components use them.
import type { z } from "zod";
import type { bankFileDetail, bankFileRow, listBankFilesResponse } from "@/lib/bank-ingestion/bank-file-schemas.ts";
import type { ReceiveBankFileResult } from "@/lib/bank-ingestion/receive-bank-file.ts";

export type BankFileRow = z.infer<typeof bankFileRow>;
export type BankFileList = z.infer<typeof listBankFilesResponse>;
export type BankFileDetail = z.infer<typeof bankFileDetail>;
export type UploadResult = ReceiveBankFileResult;
