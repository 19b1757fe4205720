// What a process observes as it works: jobs by outcome, ERP calls by status and latency, payment-to-posting
// latency per channel, entries ingested, webhooks taken. Each process (web, every worker) exposes its own; a
// Prometheus server adds them up across processes.
import { client, metric } from "./registry.ts";

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];

export const jobsTotal = metric("cashline_jobs_total", (registers) => new client.Counter({
  name: "cashline_jobs_total", help: "Jobs settled by this process, by queue and outcome (completed, retry, dead_letter, invalid)", labelNames: ["queue", "outcome"] as const, registers,
}));

export const jobDuration = metric("cashline_job_duration_seconds", (registers) => new client.Histogram({
  name: "cashline_job_duration_seconds", help: "Time from a job's fetch to its settlement, by queue", labelNames: ["queue"] as const, buckets: SECONDS, registers,
}));

export const jobQueueWarnings = metric("cashline_job_queue_warnings_total", (registers) => new client.Counter({
  name: "cashline_job_queue_warnings_total",
  help: "pg-boss warnings in this process, by type (handler_overrun: a handler still running past its job's expiry, after which this worker fetches nothing more from that queue; slow_query; queue_backlog; …) and queue",
  labelNames: ["type", "queue"] as const, registers,
}));

export const erpRequests = metric("cashline_erp_requests_total", (registers) => new client.Counter({
  name: "cashline_erp_requests_total", help: "Requests to the ERP, by operation and outcome (HTTP status class, timeout, network, circuit_open)", labelNames: ["operation", "outcome"] as const, registers,
}));

export const erpLatency = metric("cashline_erp_request_duration_seconds", (registers) => new client.Histogram({
  name: "cashline_erp_request_duration_seconds", help: "ERP request latency, by operation", labelNames: ["operation"] as const, buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
}));

export const paymentToPosting = metric("cashline_payment_to_posting_seconds", (registers) => new client.Histogram({
  name: "cashline_payment_to_posting_seconds", help: "From a receipt's arrival to the ERP's acknowledgement of its posting, by channel", labelNames: ["channel"] as const, buckets: SECONDS, registers,
}));

export const entriesIngested = metric("cashline_bank_entries_ingested_total", (registers) => new client.Counter({
  name: "cashline_bank_entries_ingested_total", help: "Bank statement entries stored, by file format", labelNames: ["format"] as const, registers,
}));

export const webhooksReceived = metric("cashline_webhooks_received_total", (registers) => new client.Counter({
  name: "cashline_webhooks_received_total", help: "Inbound webhook deliveries, by source and outcome (processed, duplicate, pending, ignored, refused, shed: 503 at capacity)", labelNames: ["source", "outcome"] as const, registers,
}));

/** Outcome label of an ERP call: the HTTP status class, or how it failed without one. */
export function erpOutcome(status: number | undefined, kind?: string): string {
  if (status) return `${Math.floor(status / 100)}xx`;
  return kind ?? "network";
}
