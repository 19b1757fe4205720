"use client";
// The Bank files page: upload, the list with live progress (refetched every second while any file is queued or
// being processed), and the selected file's detail.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, errorText } from "@/components/ui/api-fetch.ts";
import { BankFileDetail } from "./bank-file-detail.tsx";
import { BankFileUpload } from "./bank-file-upload.tsx";
import { BankFilesTable } from "./bank-files-table.tsx";
import { LIST_LIMIT } from "./list-params.ts";
import type { BankFileList } from "./types.ts";

const LIST_URL = `/api/v1/bank-statements?limit=${LIST_LIMIT}`;

export function BankFilesView({ initial, canUpload, initialSelected }: { initial: BankFileList; canUpload: boolean; initialSelected: string | null }) {
  const client = useQueryClient();
  const [selected, setSelected] = useState<string | null>(initialSelected);
  const [since] = useState(() => Date.now());
  const list = useQuery({
    queryKey: ["bank-files"],
    queryFn: () => apiFetch<BankFileList>(LIST_URL),
    initialData: initial,
    initialDataUpdatedAt: since,
    refetchInterval: (query) => ((query.state.data?.active ?? 0) > 0 ? 1000 : 10_000),
  });

  function select(id: string) {
    setSelected(id);
    window.history.replaceState(null, "", `/bank-files?file=${encodeURIComponent(id)}`);
  }

  return (
    <>
      {canUpload ? <BankFileUpload onUploaded={(r) => { select(r.id); void client.invalidateQueries({ queryKey: ["bank-files"] }); }} />
        : <p className="muted">Your role reviews bank files; treasury, AR analysts and admins upload them.</p>}
      <h2>
        Files <span className="muted">· latest {Math.min(LIST_LIMIT, list.data.total)} of {list.data.total}</span>
        {list.data.active > 0 && <span className="muted" data-testid="bank-files-active"> · {list.data.active} being processed</span>}
      </h2>
      {list.error && <div className="error" role="alert">Couldn’t refresh: {errorText(list.error)}</div>}
      <BankFilesTable files={list.data.items} selected={selected} onSelect={select} />
      {selected && <BankFileDetail key={selected} id={selected} />}
    </>
  );
}
