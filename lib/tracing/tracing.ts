// OpenTelemetry tracing with the official SDK: one trace per payment across processes — the web request that
// took it, each job it went through, the ERP call that booked it. Off unless an OTLP endpoint is configured
// (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, standard names); then spans are batched and
// exported over OTLP/HTTP. The W3C traceparent travels in each job's envelope (`tp`) next to its correlation id,
// and every span carries that correlation id (`cashline.correlation_id`), the same one the payment's timeline shows.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";

const holder = globalThis as { __cashlineTracing?: { provider: TracerProvider } | null };

/** Starts exporting spans when an OTLP endpoint is configured; a no-op otherwise. Safe to call more than once. */
export function startTracing(serviceName: string): boolean {
  if (holder.__cashlineTracing !== undefined) return holder.__cashlineTracing !== null;
  const configured = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!configured || process.env.OTEL_SDK_DISABLED === "true") {
    holder.__cashlineTracing = null;
    return false;
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: Number(process.env.OTEL_BSP_SCHEDULE_DELAY ?? 1000) })],
  });
  trace.setGlobalTracerProvider(provider);
  holder.__cashlineTracing = { provider };
  return true;
}

export async function stopTracing(): Promise<void> {
  await holder.__cashlineTracing?.provider.shutdown().catch(() => {});
}

const tracer = () => trace.getTracer("cashline");

// Spans of running jobs by correlation id: work done for a payment inside a batch (one apply pass, one posting
// batch) sends its follow-up jobs under that payment's own trace, not the batch's first one.
const byCorrelationId = new Map<string, Context>();

/** The W3C traceparent to carry in a job sent for `correlationId` (its job's span, else the active one). */
export function traceparentFor(correlationId?: string): string | undefined {
  const ctx = (correlationId && byCorrelationId.get(correlationId)) || context.active();
  if (!trace.getSpanContext(ctx)) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent;
}

/** The context a job's traceparent names (a remote parent), or the active one. */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
}

async function inSpan<T>(span: Span, ctx: Context, fn: () => Promise<T>): Promise<T> {
  try {
    return await context.with(ctx, fn);
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
    throw e;
  } finally {
    span.end();
  }
}

/** Runs `fn` in a span, child of the active span (or of `parent`). */
export function withSpan<T>(name: string, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>, opts: { parent?: Context; kind?: SpanKind } = {}): Promise<T> {
  const parent = opts.parent ?? context.active();
  const span = tracer().startSpan(name, { attributes, kind: opts.kind ?? SpanKind.INTERNAL }, parent);
  return inSpan(span, trace.setSpan(parent, span), () => fn(span));
}

/** A job's span: child of the traceparent it was sent with, registered under its correlation id while it runs. */
export function startJobSpan(jobName: string, jobId: string, correlationId: string, traceparent: string | undefined): { context: Context; end: (error?: unknown) => void } {
  const parent = contextFromTraceparent(traceparent);
  const span = tracer().startSpan(`job ${jobName}`, { kind: SpanKind.CONSUMER, attributes: { "cashline.correlation_id": correlationId, "messaging.system": "pg-boss", "messaging.destination.name": jobName, "messaging.message.id": jobId } }, parent);
  const ctx = trace.setSpan(parent, span);
  if (trace.getSpanContext(ctx)?.traceFlags) byCorrelationId.set(correlationId, ctx);
  return {
    context: ctx,
    end: (error) => {
      if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
      if (byCorrelationId.get(correlationId) === ctx) byCorrelationId.delete(correlationId);
    },
  };
}

export { SpanKind, context };
