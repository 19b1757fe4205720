"use client";
// Pick a customer of the receipt's entity: the likely ones first (identified, suggested), or search by name/account.
// The choice is always the analyst's (see below).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { apiFetch } from "../ui/api-fetch.ts";

type C = { id: string; name: string; erpAccountNumber: string };

export function CustomerPicker({ receiptId, value, onChange, label = "Customer" }: { receiptId: string; value: string; onChange: (id: string) => void; label?: string }) {
  const id = useId();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => { const t = setTimeout(() => setQ(text.trim()), 300); return () => clearTimeout(t); }, [text]);
  const { data } = useQuery({
    queryKey: ["receipt-customers", receiptId, q],
    queryFn: () => apiFetch<{ items: C[] }>(`/api/v1/receipts/${receiptId}/customers?${new URLSearchParams(q ? { q } : {})}`),
    placeholderData: keepPreviousData,
  });
  const items = data?.items ?? [];
  // Never selects on its own: the first search hit is not necessarily the customer, and one click would put the
  // cash on the wrong account. The analyst chooses; until then the form's button stays disabled.
  return (
    <div className="picker">
      <label htmlFor={`${id}-q`}>Find customer</label>
      <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="name or ERP account no." />
      <label htmlFor={`${id}-s`}>{label}</label>
      <select id={`${id}-s`} aria-invalid={!value} value={value} onChange={(e) => onChange(e.target.value)} required>
        {!value && <option value="">— choose a customer —</option>}
        {value && !items.some((c) => c.id === value) && <option value={value}>{value}</option>}
        {items.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.erpAccountNumber})</option>)}
      </select>
    </div>
  );
}
