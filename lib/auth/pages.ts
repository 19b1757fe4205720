// Every page of the cockpit and the area (hence roles) it belongs to. The role-matrix tests walk this list and a
// unit test checks that every app/**/page.tsx is in it.
import type { Area } from "./roles.ts";

/** A page whose path has a parameter carries an `example`: a concrete URL from the demo data for the role matrix. */
export type PageEntry = { path: string; area: Area; file: string; example?: string };

export const PAGES: PageEntry[] = [
  { path: "/", area: "home", file: "app/page.tsx" },
  { path: "/payments", area: "payments", file: "app/payments/page.tsx" },
  { path: "/payments/{id}", area: "payments", file: "app/payments/[id]/page.tsx", example: "/payments/rcp_00001" },
  { path: "/exceptions", area: "exceptions", file: "app/exceptions/page.tsx" },
  { path: "/exceptions/{id}", area: "exceptions", file: "app/exceptions/[id]/page.tsx", example: "/exceptions/case_gap_bank_6" },
  { path: "/dashboards", area: "dashboards", file: "app/dashboards/page.tsx" },
  { path: "/dashboards/aging", area: "dashboards", file: "app/dashboards/aging/page.tsx" },
  { path: "/dashboards/latency", area: "dashboards", file: "app/dashboards/latency/page.tsx" },
  { path: "/dashboards/exceptions", area: "dashboards", file: "app/dashboards/exceptions/page.tsx" },
  { path: "/cash", area: "cash", file: "app/cash/page.tsx" },
  { path: "/forecast", area: "forecast", file: "app/forecast/page.tsx" },
  { path: "/close", area: "close", file: "app/close/page.tsx" },
  { path: "/connectors", area: "connectors", file: "app/connectors/page.tsx" },
  { path: "/bank-files", area: "bankFiles", file: "app/bank-files/page.tsx" },
  { path: "/audit", area: "audit", file: "app/audit/page.tsx" },
  { path: "/admin", area: "admin", file: "app/admin/page.tsx" },
  { path: "/rules", area: "rules", file: "app/rules/page.tsx" },
  { path: "/billing", area: "billing", file: "app/billing/page.tsx" },
  { path: "/admin/webhooks", area: "admin", file: "app/admin/webhooks/page.tsx" },
  { path: "/admin/erp-connections", area: "admin", file: "app/admin/erp-connections/page.tsx" },
  { path: "/docs", area: "docs", file: "app/docs/page.tsx" },
  { path: "/account/password", area: "home", file: "app/account/password/page.tsx" },
  { path: "/remittances", area: "remittances", file: "app/remittances/page.tsx" },
  { path: "/deductions", area: "deductions", file: "app/deductions/page.tsx" },
  { path: "/deductions/reasons", area: "deductionReasons", file: "app/deductions/reasons/page.tsx" },
];

/** Pages anyone may open (no role check by design). */
export const PUBLIC_PAGES = ["app/signin/page.tsx", "app/set-password/page.tsx"];
