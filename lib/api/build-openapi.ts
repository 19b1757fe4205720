// OpenAPI 3.1 from the operation registry. OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what zod 4
// emits natively, so the zod schemas that validate requests are the documentation.
import { z } from "zod";
import type { Operation } from "../http/operation.ts";

const problemSchema = {
  type: "object",
  description: "RFC 9457 problem details",
  properties: {
    type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" },
    instance: { type: "string" },
    errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
  },
  required: ["title", "status"],
};

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function parameters(op: Operation) {
  const out: unknown[] = [];
  for (const [where, schema] of [["path", op.params], ["query", op.query]] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, "input") as { properties?: Record<string, { description?: string }>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), description: prop.description, schema: prop });
    }
  }
  return out;
}

function security(op: Operation) {
  if (op.access.kind === "public") return [];
  if (op.access.kind === "api_key") return [{ apiKey: [op.access.scope] }, ...(op.access.roles ? [{ session: [] }] : [])];
  return [{ session: [] }];
}

export function buildOpenApi(operations: Operation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const roles = op.ownAuth ? op.ownAuth : op.access.kind === "public" ? "public" : op.access.kind === "api_key" ? `API key with scope ${op.access.scope}` : `roles: ${op.access.roles.join(", ")}`;
    const responses: Record<string, unknown> = {
      [String(op.responseStatus ?? 200)]: { description: "OK", content: op.response ? { "application/json": { schema: jsonSchema(op.response, "output") } } : undefined },
      ...(op.shedWhenBusy ? { 503: { description: "At capacity: nothing was done; send again after the Retry-After header's seconds", headers: { "Retry-After": { schema: { type: "integer" } } }, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } } } : {}),
      default: { description: "Error", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
    };
    const requestBody = op.body
      ? { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } }
      : op.rawBody
        ? { required: true, description: op.rawBody.description, content: Object.fromEntries(op.rawBody.contentTypes.map((c) => [c, { schema: { type: "string", format: "binary" } }])) }
        : undefined;
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.id, summary: op.summary, description: `Access: ${roles}.`, tags: [op.tag],
      parameters: parameters(op), requestBody, responses, security: security(op),
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Cashline API", version: "1.0.0", description: "Finance operations cockpit: receipts, cash application, exceptions, ERP posting." },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "cashline.session", description: "Browser session (sign in at /signin)" },
        apiKey: { type: "http", scheme: "bearer", description: "Machine client key created by an admin (clk_…)" },
      },
    },
  };
}
