import { AppShell } from "@/components/app-shell.tsx";
import { PolicyEditor } from "@/components/rules/policy-editor.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getMatchingPolicies } from "@/lib/cash-application/get-matching-policies.ts";

export const dynamic = "force-dynamic";

export default async function RulesPage() {
  const user = await requirePageRole("rules", "/rules");
  const { items } = await getMatchingPolicies();
  const canEdit = user.role === "CONTROLLER" || user.role === "ADMIN";
  return (
    <AppShell user={user}>
      <h1>Cash-application rules</h1>
      <p className="muted">
        Per legal entity: tolerances, which matching strategies run, and the confidence needed to post without a person.
        Each change is a new version; every engine decision records the version that made it.
      </p>
      {items.map((p) => <PolicyEditor key={p.entity} policy={p} canEdit={canEdit} />)}
    </AppShell>
  );
}
