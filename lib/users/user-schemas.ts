// Input and output shapes of user administration (one zod schema per shape: validation, types and OpenAPI).
import { z } from "zod";
import { ROLES } from "../auth/roles.ts";

/** Long rather than complicated (NIST SP 800-63B): 12 to 200 characters, anything allowed. */
export const newPasswordSchema = z.string().min(12, "at least 12 characters").max(200, "at most 200 characters");

export const createUserBody = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  temporaryPassword: newPasswordSchema.optional()
    .describe("optional: a password to tell the person; they must change it at first sign-in. Without it, a one-time link is issued"),
});
export const userParams = z.object({ id: z.string().min(1).max(64) });
export const updateUserBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional().describe("false deactivates: sign-in refused and open sessions end at once"),
}).refine((b) => b.name !== undefined || b.role !== undefined || b.active !== undefined, "nothing to change");

export const passwordLinkSchema = z.object({
  path: z.string().describe("the one-time link (relative to this site); shown once"),
  expiresAt: z.string(),
});
export const createUserResponse = z.object({ id: z.string(), email: z.string(), setPasswordLink: passwordLinkSchema.nullable() });

export const changeOwnPasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: newPasswordSchema });
export const redeemPasswordTokenBody = z.object({ token: z.string().min(20).max(200), newPassword: newPasswordSchema });
export const redeemPasswordTokenResponse = z.object({ email: z.string() });
