// The thin edge every API route goes through: authenticate, check the role, guard against CSRF, validate the
// input with the operation's zod schemas, call one domain function, answer JSON or problem+json.
import type { z } from "zod";
import { canAccessRoles, type Principal, resolvePrincipal } from "./principal.ts";
import { isSameOrigin } from "./csrf.ts";
import type { Operation } from "./operation.ts";
import { problem, ProblemError, problemResponse } from "./problem.ts";
import { jsonResponse } from "./json-response.ts";
import { admitOrShed } from "./admission.ts";
import { JSON_BODY_MAX_BYTES, readJsonBody } from "./read-body.ts";
import { logger } from "../log/logger.ts";
import { writeAudit, type AuditInput } from "../audit/write-audit.ts";
import { runWithCallAudit, type CallAudit } from "../audit/call-audit.ts";
import { requestIdFrom } from "./request-id.ts";
import { contextFromTraceparent, SpanKind, withSpan } from "../tracing/tracing.ts";
import { clientIp } from "../auth/client-ip.ts";

/** What a user who must change their password may still call. */
const PASSWORD_CHANGE_OPS = new Set(["changeOwnPassword", "getMe"]);

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export type ApiContext<Op extends Operation> = {
  req: Request;
  principal: Principal;
  params: Infer<Op["params"]>;
  query: Infer<Op["query"]>;
  body: Infer<Op["body"]>;
  requestId: string;
  ip: string;
};

function zodErrors(error: z.ZodError, where: string) {
  return error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join("."), message: i.message }));
}

async function parseInput(op: Operation, req: Request, rawParams: Record<string, string | string[]>) {
  const out: { params?: unknown; query?: unknown; body?: unknown } = {};
  if (op.params) {
    const r = op.params.safeParse(rawParams);
    if (!r.success) throw problem(400, "invalid path parameters", { errors: zodErrors(r.error, "path") });
    out.params = r.data;
  }
  if (op.query) {
    const r = op.query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!r.success) throw problem(400, "invalid query string", { errors: zodErrors(r.error, "query") });
    out.query = r.data;
  }
  if (op.body) {
    // Bounded read (413 past the limit), never req.json(): that would buffer whatever the client sends.
    const json = await readJsonBody(req, { maxBytes: op.maxBodyBytes ?? JSON_BODY_MAX_BYTES });
    const r = op.body.safeParse(json);
    if (!r.success) throw problem(422, "request body failed validation", { errors: zodErrors(r.error, "body") });
    out.body = r.data;
  }
  return out;
}

export function apiRoute<Op extends Operation>(op: Op, handler: (ctx: ApiContext<Op>) => Promise<unknown>) {
  return (req: Request, routeCtx?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> =>
    // One server span per request (continuing the caller's traceparent): jobs it sends carry the trace on.
    withSpan(`${op.method} ${op.path}`, { "http.request.method": op.method, "http.route": op.path }, async (span) => {
      const response = await handle(op, handler, req, routeCtx);
      span.setAttribute("http.response.status_code", response.status);
      return response;
    }, { kind: SpanKind.SERVER, parent: contextFromTraceparent(req.headers.get("traceparent") ?? undefined) });
}

async function handle<Op extends Operation>(op: Op, handler: (ctx: ApiContext<Op>) => Promise<unknown>, req: Request, routeCtx?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> {
  const requestId = requestIdFrom(req.headers.get("x-request-id"));
  const ip = clientIp(req.headers); // X-Forwarded-For only through TRUSTED_PROXIES (lib/auth/client-ip.ts)
  const caller: { principal?: Principal; call?: CallAudit } = {};
  const response = await respond(op, handler, req, routeCtx, requestId, ip, caller);
  // Every machine-client call is audited, whatever its outcome (refused by the rate limit excepted: no key
  // principal exists then, and a flood must not turn into a flood of audit rows). A call whose effect committed
  // has its row already, written in that transaction (lib/audit/call-audit.ts); any other call gets it now,
  // with its status, before the answer leaves: an answer whose audit row could not be written is a 500.
  if (caller.principal?.kind === "api_key" && !caller.call?.written) {
    try {
      await writeAudit({ ...machineCallAudit(op, caller.principal, requestId, ip), details: { status: response.status, system: caller.principal.system } });
    } catch (err) {
      logger.error("api.audit_failed", { op: op.id, requestId, error: err instanceof Error ? err.message : String(err) });
      return problemResponse({ status: 500, title: "Internal server error", detail: `the call could not be audited; quote request id ${requestId}` }, new URL(req.url).pathname, { "x-request-id": requestId });
    }
  }
  return response;
}

function machineCallAudit(op: Operation, p: Extract<Principal, { kind: "api_key" }>, requestId: string, ip: string): AuditInput {
  return {
    actorType: "api_key", actorId: p.keyId, actorLabel: p.label, action: op.auditAction ?? `api.${op.id}`,
    targetType: "Operation", targetId: `${op.method} ${op.path}`, details: { system: p.system }, ip, requestId,
  };
}

async function respond<Op extends Operation>(
  op: Op, handler: (ctx: ApiContext<Op>) => Promise<unknown>, req: Request, routeCtx: { params?: Promise<Record<string, string | string[]>> } | undefined,
  requestId: string, ip: string, caller: { principal?: Principal; call?: CallAudit },
): Promise<Response> {
  const instance = new URL(req.url).pathname;
  try {
    // At capacity, a retrying sender is refused first: no key lookup, no audit row (like a rate-limit refusal).
    if (op.shedWhenBusy) admitOrShed(`${op.method} ${op.path}`);
    const principal = await resolvePrincipal(req, op.access);
    if (principal) caller.principal = principal;
    if (op.access.kind !== "public") {
      if (!principal) throw problem(401, "sign in or present an API key");
      if (principal.kind === "user" && principal.user.mustChangePassword && !PASSWORD_CHANGE_OPS.has(op.id)) {
        throw problem(403, "change your password first (/account/password)");
      }
      if (!canAccessRoles(principal, op.access)) throw problem(403, `this operation is not available to ${principal.label}`);
      if (principal.kind === "user" && op.method !== "GET" && !isSameOrigin(req)) {
        throw problem(403, "cross-site request refused (Origin does not match this site)");
      }
    }
    const input = await parseInput(op, req, (await routeCtx?.params) ?? {});
    const run = () => handler({ req, principal: principal!, requestId, ip, ...input } as ApiContext<Op>);
    if (principal?.kind === "api_key") caller.call = { input: machineCallAudit(op, principal, requestId, ip), written: false };
    const result = caller.call ? await runWithCallAudit(caller.call, run) : await run();
    if (result instanceof Response) return result;
    return jsonResponse(result, { status: op.responseStatus ?? 200, headers: { "x-request-id": requestId } });
  } catch (err) {
    if (err instanceof ProblemError) {
      const headers: Record<string, string> = { "x-request-id": requestId };
      if (err.problem.status === 429 || err.problem.retryAfterSeconds) headers["retry-after"] = String(err.problem.retryAfterSeconds ?? 60);
      return problemResponse(err.problem, instance, headers);
    }
    logger.error("api.unhandled", { op: op.id, requestId, error: err instanceof Error ? err.stack : String(err) });
    return problemResponse({ status: 500, title: "Internal server error", detail: `unexpected error; quote request id ${requestId}` }, instance, { "x-request-id": requestId });
  }
}
