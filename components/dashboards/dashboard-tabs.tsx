import Link from "next/link";

const TABS = [
  { href: "/dashboards", label: "Overview" },
  { href: "/dashboards/aging", label: "Unapplied aging" },
  { href: "/dashboards/latency", label: "Posting latency" },
  { href: "/dashboards/exceptions", label: "Exceptions & auto-match" },
];

export function DashboardTabs({ current }: { current: string }) {
  return (
    <nav className="tabs" aria-label="Dashboards">
      {TABS.map((t) => (
        <Link key={t.href} href={t.href} aria-current={t.href === current ? "page" : undefined}>{t.label}</Link>
      ))}
    </nav>
  );
}
