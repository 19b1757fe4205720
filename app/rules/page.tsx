import { AppShell } from "@/components/app-shell.tsx";
import { PolicyEditor } from "@/components/rules/policy-editor.tsx";
import { PolicyDrafts } from "@/components/rules/policy-drafts.tsx";
import { LearnedPayerProposals } from "@/components/rules/learned-payer-proposals.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { getMatchingPolicies } from "@/lib/cash-application/get-matching-policies.ts";
import { listPolicyChanges } from "@/lib/cash-application/list-policy-changes.ts";
import { listLearnedPayerProposals } from "@/lib/cash-application/list-learned-payer-proposals.ts";
import { TOLERANCE_CAP } from "@/lib/cash-application/policy-guardrails.ts";

export const dynamic = "force-dynamic";

export default async function RulesPage() {
  const user = await requirePageRole("rules", "/rules");
  const [{ items }, drafts, decided, proposals] = await Promise.all([
    getMatchingPolicies(), listPolicyChanges("PENDING"), listPolicyChanges("DECIDED"), listLearnedPayerProposals(),
  ]);
  const canEdit = user.role === "CONTROLLER" || user.role === "ADMIN";
  return (
    <AppShell user={user}>
      <h1>Cash-application rules</h1>
      <p className="muted">
        Per legal entity: tolerances, which matching strategies run, and the confidence needed to post without a person.
        A change is a draft until it is backtested on past receipts and approved by a second person; each approval is a new
        version, and every engine decision records the version that made it.
      </p>
      <PolicyDrafts drafts={drafts.items} decided={decided.items} canDecide={canEdit} viewerId={user.id} tolerances={`${TOLERANCE_CAP.maxBasisPoints} basis points and ${TOLERANCE_CAP.maxAbsolute}`} />
      <LearnedPayerProposals items={proposals} canDraft={canEdit} />
      {items.map((p) => <PolicyEditor key={p.entity} policy={p} canEdit={canEdit} />)}
    </AppShell>
  );
}
