import { AppShell } from "@/components/app-shell.tsx";
import { BankFilesView } from "@/components/bank-files/bank-files-view.tsx";
import { LIST_LIMIT } from "@/components/bank-files/list-params.ts";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { BANK_FILE_UPLOADERS } from "@/lib/auth/roles.ts";
import { listBankFilesQuery } from "@/lib/bank-ingestion/bank-file-schemas.ts";
import { listBankFiles } from "@/lib/bank-ingestion/list-bank-files.ts";

export const dynamic = "force-dynamic";

export default async function BankFilesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requirePageRole("bankFiles", "/bank-files");
  const initial = await listBankFiles(listBankFilesQuery.parse({ limit: LIST_LIMIT }));
  const file = (await searchParams).file;
  return (
    <AppShell user={user}>
      <h1>Bank files</h1>
      <p className="muted">
        Statements from the banks, uploaded here, sent by the bank&apos;s API client, or dropped in the landing folder the worker polls.
        Each file is kept as it arrived (the same file twice is taken once), read in the background and written all at once: a file
        that cannot be read, or names an account Cashline does not know, is quarantined and leaves nothing behind.
      </p>
      <BankFilesView initial={initial} canUpload={BANK_FILE_UPLOADERS.includes(user.role)} initialSelected={typeof file === "string" && file ? file : null} />
    </AppShell>
  );
}
