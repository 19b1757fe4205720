import { AppShell } from "@/components/app-shell.tsx";
import { PolicyEditor } from "@/components/rules/policy-editor.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getMatchingPolicies } from "@/lib/cash-application/get-matching-policies.ts";
import { PendingPolicyChanges } from "@/components/rules/pending-policy-changes.tsx";
import { listPendingPolicyChanges } from "@/lib/cash-application/list-policy-changes.ts";
import { TOLERANCE_CAP } from "@/lib/cash-application/policy-guardrails.ts";

export const dynamic = "force-dynamic";

export default async function RulesPage() {
  const user = await requirePageRole("rules", "/rules");
  const [{ items }, pending] = await Promise.all([getMatchingPolicies(), listPendingPolicyChanges()]);
  const canEdit = user.role === "CONTROLLER" || user.role === "ADMIN";
  return (
    <AppShell user={user}>
      <h1>Cash-application rules</h1>
      <p className="muted">
        Per legal entity: tolerances, which matching strategies run, and the confidence needed to post without a person.
        Each change is a new version; every engine decision records the version that made it.
      </p>
      <PendingPolicyChanges items={pending.items} canDecide={canEdit} tolerances={`${TOLERANCE_CAP.maxBasisPoints} basis points and ${TOLERANCE_CAP.maxAbsolute}`} />
      {items.map((p) => <PolicyEditor key={p.entity} policy={p} canEdit={canEdit} />)}
    </AppShell>
  );
}
