// The approvals inbox on an approver's home page: everything waiting for their decision, by kind, with a count.
import Link from "next/link";
import type { listApprovalsInbox } from "@/lib/approvals/list-approvals-inbox.ts";
import { formatCount, formatDateTime, formatMoney, reasonLabel } from "./format.ts";

type Inbox = Awaited<ReturnType<typeof listApprovalsInbox>>;

export function ApprovalsInbox({ inbox }: { inbox: Inbox }) {
  return (
    <section className="panel" aria-labelledby="approvals-h" data-testid="approvals-inbox">
      <div className="panel-head">
        <h2 id="approvals-h">Waiting for your approval <span className="count-badge" data-testid="approvals-count">{formatCount(inbox.count)}</span></h2>
        <span className="muted">{inbox.sources.map((s) => `${s.label}: ${s.available ? formatCount(s.count) : "not yet available"}`).join(" · ")}</span>
      </div>
      {inbox.count === 0 ? <p className="muted">Nothing is waiting for you.</p> : (
        <table className="grid">
          <thead><tr><th scope="col">What</th><th scope="col" className="num">Amount</th><th scope="col">Reason</th><th scope="col">Proposed by</th><th scope="col">Since (UTC)</th></tr></thead>
          <tbody>{inbox.items.map((i) => (
            <tr key={`${i.kind}-${i.id}`}>
              <td><Link href={i.href}>{i.title}</Link></td><td className="num">{formatMoney(i.amount, i.currency)}</td>
              <td>{reasonLabel(i.reason)}</td><td>{i.proposedBy}</td><td>{formatDateTime(i.proposedAt)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
