import { canAccess, ROLE_LABEL, type Area } from "@/lib/auth/roles.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import { NavLinks } from "./nav-links.tsx";
import { Providers } from "./providers.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

const NAV: { href: string; label: string; area: Area }[] = [
  { href: "/", label: "Home", area: "home" },
  { href: "/payments", label: "Payments", area: "payments" },
  { href: "/dashboards", label: "Dashboards", area: "dashboards" },
  { href: "/exceptions", label: "Exceptions", area: "exceptions" },
  { href: "/cash", label: "Cash", area: "cash" },
  { href: "/forecast", label: "Forecast", area: "forecast" },
  { href: "/close", label: "Close", area: "close" },
  { href: "/connectors", label: "Connectors", area: "connectors" },
  { href: "/bank-files", label: "Bank files", area: "bankFiles" },
  { href: "/billing", label: "Billing import", area: "billing" },
  { href: "/remittances", label: "Remittances", area: "remittances" },
  { href: "/deductions", label: "Deductions", area: "deductions" },
  { href: "/audit", label: "Audit log", area: "audit" },
  { href: "/rules", label: "Matching rules", area: "rules" },
  { href: "/admin", label: "Admin", area: "admin" },
  { href: "/admin/webhooks", label: "Subscribers", area: "admin" },
  { href: "/admin/erp-connections", label: "ERP connections", area: "admin" },
  { href: "/docs", label: "API docs", area: "docs" },
];

export function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const links = NAV.filter((n) => canAccess(user.role, n.area)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Cashline</div>
        <NavLinks links={links} />
        <div className="who" data-testid="who">
          <div>{user.name}</div>
          <div>{user.email}</div>
          <div data-testid="role">{ROLE_LABEL[user.role]}</div>
          <a href="/account/password">Change password</a>
          <SignOutButton />
        </div>
      </aside>
      <main>
        <Providers>{children}</Providers>
      </main>
    </div>
  );
}
