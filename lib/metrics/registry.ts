// One Prometheus registry per process (web, each worker), with Node's default process metrics. Metrics are
// created through `metric()` so a module evaluated twice (Next bundles a module into several route chunks) still
// finds the one instance registered under that name.
import client from "prom-client";

const holder = globalThis as { __cashlineRegistry?: client.Registry };

export const registry: client.Registry = (holder.__cashlineRegistry ??= (() => {
  const r = new client.Registry();
  client.collectDefaultMetrics({ register: r });
  return r;
})());

export function metric<M extends client.Metric>(name: string, create: (registers: client.Registry[]) => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create([registry]);
}

export { client };
