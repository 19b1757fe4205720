// Every page of the cockpit and the area (hence roles) it belongs to. The role-matrix tests walk this list and a
// unit test checks that every app/**/page.tsx is in it.
import type { Area } from "./roles.ts";

export const PAGES: { path: string; area: Area; file: string }[] = [
  { path: "/", area: "home", file: "app/page.tsx" },
  { path: "/payments", area: "payments", file: "app/payments/page.tsx" },
  { path: "/exceptions", area: "exceptions", file: "app/exceptions/page.tsx" },
  { path: "/cash", area: "cash", file: "app/cash/page.tsx" },
  { path: "/close", area: "close", file: "app/close/page.tsx" },
  { path: "/connectors", area: "connectors", file: "app/connectors/page.tsx" },
  { path: "/audit", area: "audit", file: "app/audit/page.tsx" },
  { path: "/admin", area: "admin", file: "app/admin/page.tsx" },
  { path: "/admin/webhooks", area: "admin", file: "app/admin/webhooks/page.tsx" },
  { path: "/docs", area: "docs", file: "app/docs/page.tsx" },
];

/** Pages anyone may open (no role check by design). */
export const PUBLIC_PAGES = ["app/signin/page.tsx"];
