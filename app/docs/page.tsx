import { AppShell } from "@/components/app-shell.tsx";
import { requirePageRole } from "@/lib/auth/require-page-role.ts";
import { allOperations } from "@/lib/api/operations.ts";
import { buildOpenApi } from "@/lib/api/build-openapi.ts";

export const dynamic = "force-dynamic";

type Doc = ReturnType<typeof buildOpenApi>;
type OpDoc = { operationId: string; summary: string; description: string; parameters: { name: string; in: string; required: boolean; description?: string }[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };

export default async function DocsPage() {
  const user = await requirePageRole("docs", "/docs");
  const doc: Doc = buildOpenApi(allOperations);
  return (
    <AppShell user={user}>
      <h1>API reference</h1>
      <p className="muted">
        OpenAPI 3.1 document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are RFC 9457 problem+json.
        Machine clients authenticate with <code>Authorization: Bearer clk_…</code>.
      </p>
      {Object.entries(doc.paths).map(([path, methods]) =>
        Object.entries(methods as Record<string, OpDoc>).map(([method, op]) => (
          <section key={`${method} ${path}`} className="card" style={{ marginBottom: 10 }} id={op.operationId}>
            <h2 style={{ marginTop: 0 }}><span className="chip">{method.toUpperCase()}</span> <span className="mono">{path}</span></h2>
            <div>{op.summary}. <span className="muted">{op.description}</span></div>
            {op.parameters.length > 0 && (
              <table className="grid" style={{ marginTop: 6 }}>
                <thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr></thead>
                <tbody>{op.parameters.map((p) => <tr key={p.name}><td className="mono">{p.name}</td><td>{p.in}</td><td>{p.required ? "yes" : "no"}</td><td>{p.description ?? ""}</td></tr>)}</tbody>
              </table>
            )}
            {op.requestBody ? <details><summary>Request body</summary><pre className="code">{JSON.stringify(op.requestBody, null, 2)}</pre></details> : null}
            {Object.entries(op.responses).filter(([code]) => code !== "default").map(([code, r]) =>
              r.content ? <details key={code}><summary>Response {code}</summary><pre className="code">{JSON.stringify(r.content["application/json"]?.schema, null, 2)}</pre></details> : null,
            )}
          </section>
        )),
      )}
    </AppShell>
  );
}
