"use client";
// The reason-code table per entity: each row edited in place and saved on its own (audited on the server).
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/ui/api-fetch.ts";

export type ReasonCode = { id: string; entityCode: string; code: string; label: string; category: string; glAccount: string; ownerTeam: string; validByDefault: boolean; slaDays: number; autoWriteOffMinor: string; externalCodes: string[]; active: boolean };

function Row({ initial }: { initial: ReasonCode }) {
  const [r, setR] = useState(initial);
  const [note, setNote] = useState<string | null>(null);
  const set = (k: keyof ReasonCode, v: unknown) => setR({ ...r, [k]: v });
  async function save() {
    try {
      const { label, glAccount, ownerTeam, validByDefault, slaDays, autoWriteOffMinor, externalCodes, active } = r;
      await apiFetch(`/api/v1/deduction-reasons/${r.id}`, { method: "PUT", body: { label, glAccount, ownerTeam, validByDefault, slaDays, autoWriteOffMinor, externalCodes, active } });
      setNote("saved");
    } catch (err) {
      setNote(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <tr data-testid={`reason-${r.entityCode}-${r.code}`}>
      <td>{r.entityCode}</td><td>{r.code}</td><td>{r.category}</td>
      <td><input aria-label="Label" value={r.label} onChange={(e) => set("label", e.target.value)} /></td>
      <td><input aria-label="GL account" size={6} value={r.glAccount} onChange={(e) => set("glAccount", e.target.value)} /></td>
      <td><input aria-label="Owner team" value={r.ownerTeam} onChange={(e) => set("ownerTeam", e.target.value)} /></td>
      <td><input aria-label="Valid by default" type="checkbox" checked={r.validByDefault} onChange={(e) => set("validByDefault", e.target.checked)} /></td>
      <td><input aria-label="SLA days" type="number" min={1} style={{ width: "4em" }} value={r.slaDays} onChange={(e) => set("slaDays", Number(e.target.value))} /></td>
      <td><input aria-label="Auto write-off below (minor units)" size={7} value={r.autoWriteOffMinor} onChange={(e) => set("autoWriteOffMinor", e.target.value)} /></td>
      <td><input aria-label="Mapped codes" value={r.externalCodes.join(",")} onChange={(e) => set("externalCodes", e.target.value.split(",").map((s) => s.trim()).filter(Boolean))} /></td>
      <td><input aria-label="Active" type="checkbox" checked={r.active} onChange={(e) => set("active", e.target.checked)} /></td>
      <td><button onClick={save}>Save</button> {note && <span role="status">{note}</span>}</td>
    </tr>
  );
}

export function ReasonCodesTable({ rows }: { rows: ReasonCode[] }) {
  return (
    <table className="grid">
      <thead><tr><th>Entity</th><th>Code</th><th>Category</th><th>Label</th><th>GL</th><th>Owner team</th><th>Valid by default</th><th>SLA days</th><th>Auto write-off below (minor units)</th><th>Mapped X12 / camt codes</th><th>Active</th><th /></tr></thead>
      <tbody>{rows.map((r) => <Row key={r.id} initial={r} />)}</tbody>
    </table>
  );
}
