"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function CustomerMappingForm({ billingCustomerId, entity }: { billingCustomerId: string; entity: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function map(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const erpAccountNumber = String(new FormData(e.currentTarget).get("erpAccountNumber") ?? "").trim();
    setBusy(true);
    setMessage(null);
    const res = await fetch("/api/v1/customer-mappings", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ billingCustomerId, entity, erpAccountNumber }),
    });
    const body = await res.json().catch(() => ({}));
    setBusy(false);
    if (res.ok) {
      setMessage(`mapped; ${body.released?.length ?? 0} held event(s) released`);
      router.refresh();
    } else {
      setMessage(body.detail ?? `HTTP ${res.status}`);
    }
  }

  return (
    <form onSubmit={map} style={{ display: "flex", gap: 6, alignItems: "center" }}>
      <input name="erpAccountNumber" placeholder={`${entity} ERP account no.`} aria-label={`ERP account for ${billingCustomerId}`} required size={14} />
      <button type="submit" disabled={busy}>Map</button>
      {message && <span className="muted">{message}</span>}
    </form>
  );
}
