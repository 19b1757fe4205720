"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const path = usePathname();
  // The most specific link that contains the current path is the current page (/admin vs /admin/webhooks).
  const current = links.map((l) => l.href).filter((h) => (h === "/" ? path === "/" : path === h || path.startsWith(`${h}/`))).sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label="Main">
      {links.map((l) => {
        const active = l.href === current;
        return (
          <Link key={l.href} href={l.href} aria-current={active ? "page" : undefined}>
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
