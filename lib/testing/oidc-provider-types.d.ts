// The few parts of `oidc-provider` (v9, ships no type declarations) that lib/testing/oidc-provider.ts uses.
declare module "oidc-provider" {
  import type { RequestListener } from "node:http";

  type Grant = { addOIDCScope(scope: string): void; addOIDCClaims(claims: string[]): void; save(): Promise<string> };
  type Ctx = { oidc: { session?: { accountId?: string }; client?: { clientId: string }; provider: Provider } };
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };

  export type Configuration = {
    clients?: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    pkce?: { required?: () => boolean };
    ttl?: Record<string, number>;
    features?: Record<string, { enabled: boolean }>;
    findAccount?: (ctx: Ctx, sub: string) => Promise<Account | undefined>;
    loadExistingGrant?: (ctx: Ctx) => Promise<Grant | undefined>;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    Grant: new (init: { accountId: string; clientId: string }) => Grant;
    callback(): RequestListener;
  }
}
