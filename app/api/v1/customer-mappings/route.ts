import { ops } from "@/lib/api/operations.ts";
import { apiRoute } from "@/lib/http/api-route.ts";
import { problem } from "@/lib/http/problem.ts";
import { mapBillingCustomer } from "@/lib/billing/map-billing-customer.ts";

export const POST = apiRoute(ops.createCustomerMapping, ({ body, principal, requestId }) => {
  if (principal.kind !== "user") throw problem(403, "mappings are made by a signed-in person");
  const { billingCustomerId, ...customer } = body;
  return mapBillingCustomer(billingCustomerId, customer, principal.user, requestId);
});
