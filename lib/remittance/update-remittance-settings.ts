// A customer's remittance settings: whether it always sends an advice (its payments show "remittance expected" until
// one is linked) and the e-mail sender domains whose advices belong to it. The whole set is replaced; audited.
import { z } from "zod";
import { problem } from "../http/problem.ts";
import { audit, runAction, type ActionContext } from "../exceptions/action-context.ts";

const domain = z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, "a mail domain like acme.com");
export const remittanceSettingsBody = z.object({
  alwaysSendsRemittance: z.boolean(),
  senderDomains: z.array(domain).max(20).describe("mail domains whose e-mailed advices belong to this customer (each domain maps to one customer)"),
});
export const remittanceSettingsResponse = z.object({ customerId: z.string(), alwaysSendsRemittance: z.boolean(), senderDomains: z.array(z.string()) });

export async function updateRemittanceSettings(ctx: ActionContext, customerId: string, body: z.infer<typeof remittanceSettingsBody>): Promise<z.infer<typeof remittanceSettingsResponse>> {
  return runAction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { id: true, alwaysSendsRemittance: true } });
    if (!customer) throw problem(404, `customer ${customerId} not found`);
    const taken = await tx.remittanceSenderDomain.findMany({ where: { domain: { in: body.senderDomains }, customerId: { not: customerId } }, select: { domain: true } });
    if (taken.length) throw problem(409, `senderDomains: ${taken.map((t) => t.domain).join(", ")} already belong(s) to another customer`);
    const before = (await tx.remittanceSenderDomain.findMany({ where: { customerId }, select: { domain: true } })).map((d) => d.domain).sort();
    await tx.customer.update({ where: { id: customerId }, data: { alwaysSendsRemittance: body.alwaysSendsRemittance } });
    await tx.remittanceSenderDomain.deleteMany({ where: { customerId, domain: { notIn: body.senderDomains } } });
    await tx.remittanceSenderDomain.createMany({ data: body.senderDomains.map((d) => ({ domain: d, customerId, createdById: ctx.actor.id })), skipDuplicates: true });
    const senderDomains = [...new Set(body.senderDomains)].sort();
    await audit(ctx, tx, {
      action: "customer.remittance_settings_updated", targetType: "Customer", targetId: customerId,
      details: { before: { alwaysSendsRemittance: customer.alwaysSendsRemittance, senderDomains: before }, after: { alwaysSendsRemittance: body.alwaysSendsRemittance, senderDomains } },
    });
    return { customerId, alwaysSendsRemittance: body.alwaysSendsRemittance, senderDomains };
  }, { needsQueue: false });
}
