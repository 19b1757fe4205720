// Roles and who may open what. One table, read by pages, API routes, navigation and the role-matrix tests.
export const ROLES = ["AR_ANALYST", "TREASURY", "CONTROLLER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ALL_ROLES: readonly Role[] = ROLES;

export const AREAS = {
  home: ALL_ROLES,
  payments: ALL_ROLES,
  /** Unapplied aging, posting latency, exception throughput: treasury, controllers and AR leads alike. */
  dashboards: ALL_ROLES,
  exceptions: ["AR_ANALYST", "CONTROLLER", "ADMIN"],
  cash: ["TREASURY", "CONTROLLER", "ADMIN"],
  close: ["CONTROLLER", "ADMIN"],
  /** The 13-week cash forecast and its backtest. */
  forecast: ["TREASURY", "CONTROLLER", "ADMIN"],
  connectors: ["TREASURY", "CONTROLLER", "ADMIN"],
  /** Bank statement files: upload, processing progress, quarantine. Uploading is narrower (BANK_FILE_UPLOADERS). */
  bankFiles: ["AR_ANALYST", "TREASURY", "CONTROLLER", "ADMIN"],
  audit: ["CONTROLLER", "ADMIN"],
  admin: ["ADMIN"],
  billing: ["AR_ANALYST", "ADMIN"],
  /** Matching rules per entity: analysts read them, controllers and admins change them. */
  rules: ["AR_ANALYST", "CONTROLLER", "ADMIN"],
  docs: ALL_ROLES,
  /** Remittance advices (upload, list) and deductions (queue, dashboard, decisions): AR's work, reviewed by controllers. */
  remittances: ["AR_ANALYST", "CONTROLLER", "ADMIN"],
  deductions: ["AR_ANALYST", "CONTROLLER", "ADMIN"],
  /** The deduction reason-code table per entity (GL accounts, thresholds): controllers and admins change it. */
  deductionReasons: ["CONTROLLER", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREAS;

/** Who may upload bank files (besides API keys with scope bank:statements): controllers review, they do not feed. */
export const BANK_FILE_UPLOADERS: readonly Role[] = ["TREASURY", "AR_ANALYST", "ADMIN"];

export function canAccess(role: Role, area: Area): boolean {
  return (AREAS[area] as readonly Role[]).includes(role);
}

export const ROLE_LABEL: Record<Role, string> = {
  AR_ANALYST: "AR analyst",
  TREASURY: "Treasury",
  CONTROLLER: "Controller",
  ADMIN: "Admin",
};
