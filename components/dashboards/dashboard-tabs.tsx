"use client";
// Tabs between the dashboards carry the shared period (?days=), so switching tab keeps the period chosen.
import Link from "next/link";
import { useSearchParams } from "next/navigation";

const TABS = [
  { href: "/dashboards", label: "Overview" },
  { href: "/dashboards/aging", label: "Unapplied aging" },
  { href: "/dashboards/latency", label: "Posting latency" },
  { href: "/dashboards/exceptions", label: "Exceptions & auto-match" },
];

export function DashboardTabs({ current }: { current: string }) {
  const days = useSearchParams().get("days");
  return (
    <nav className="tabs" aria-label="Dashboards">
      {TABS.map((t) => (
        <Link key={t.href} href={days ? `${t.href}?days=${encodeURIComponent(days)}` : t.href} aria-current={t.href === current ? "page" : undefined}>{t.label}</Link>
      ))}
    </nav>
  );
}
