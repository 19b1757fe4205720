// Set-based SQL that fills an empty, migrated database with a year of a large company's cash operations for
// `npm run bench:dashboards`: receipts, invoices, applications, exception cases, events, journal, bank lines and
// statements, connector runs, audit entries and payouts. Every table is filled by INSERT … SELECT over
// generate_series, never row by row. Proportions follow the demo: older receipts are mostly posted, the last week
// is still moving through the workflow. Rows go in in time order (receipts by arrival, journal entries by posting), as
// a live system writes them: today's rows then sit together at the end of each table, as in production, instead of
// one per page all over it (which made "today" figures read ~15,000 random pages at 10,000,000 receipts).
export type BenchSize = { receipts: number; invoices: number; customers: number; auditEntries: number };

const ENT = `(array['ent_US01','ent_UK01','ent_DE01'])`;
const CUR = `(array['USD','GBP','EUR'])`;
const APPLIED = `('APPLIED','POSTED','PUBLISHED','POSTING_FAILED')`;

export function benchDataSql(n: BenchSize): { label: string; sql: string }[] {
  return [
    { label: "users, entities, bank accounts, customers", sql: `
      insert into "User"(id, email, name, role, "passwordHash") values
        ('u_admin','admin@bench.dev','Admin','ADMIN','x'), ('u_ctrl','controller@bench.dev','Controller','CONTROLLER','x');
      insert into "User"(id, email, name, role, "passwordHash")
        select 'u_an'||g, 'analyst'||g||'@bench.dev', 'Analyst '||g, 'AR_ANALYST', 'x' from generate_series(1, 10) g;
      insert into "LegalEntity"(id, code, name, country, "functionalCurrency") values
        ('ent_US01','US01','Bench Inc.','US','USD'), ('ent_UK01','UK01','Bench Ltd','GB','GBP'), ('ent_DE01','DE01','Bench GmbH','DE','EUR');
      insert into "BankAccount"(id, "entityId", "bankName", "accountNumber", currency, name, "glAccount") values
        ('bank_1','ent_US01','Chase','100001','USD','US Operating','1010'), ('bank_2','ent_US01','Wells','100002','USD','US Lockbox','1011'),
        ('bank_3','ent_UK01','Barclays','100003','GBP','UK Collections','1020'), ('bank_4','ent_UK01','HSBC','100004','USD','UK USD','1021'),
        ('bank_5','ent_DE01','Deutsche','100005','EUR','DE Haupt','1030'), ('bank_6','ent_DE01','Commerz','100006','EUR','DE Sammel','1031');
      insert into "Customer"(id, "entityId", "erpAccountNumber", name, aliases, "payerAccounts")
        select 'c'||g, ${ENT}[g % 3 + 1], 'C'||g, 'Customer '||g||' Holdings', '{}', '{}' from generate_series(1, ${n.customers}) g;` },
    { label: `${n.invoices.toLocaleString("en")} invoices`, sql: `
      insert into "Invoice"(id, "entityId", "customerId", number, currency, "amountMinor", "openAmountMinor", "issueDate", "dueDate", status, "sourceSystem", "sourceId", "receivedAt", "updatedAt")
      select 'i'||g, ${ENT}[c % 3 + 1], 'c'||c, 'B'||g, ${CUR}[c % 3 + 1], amt,
             case when st in ('PAID','VOID') then 0 when st = 'PARTIALLY_PAID' then amt / 2 else amt end,
             issue, issue + 30, st::"InvoiceStatus", 'bench', 'inv'||g, issue, now()
        from (select g, c, amt, issue,
                     case when current_date - issue > 60 then (case when r < 0.96 then 'PAID' when r < 0.97 then 'VOID' else 'OPEN' end)
                          else (case when r < 0.7 then 'OPEN' when r < 0.8 then 'PARTIALLY_PAID' else 'PAID' end) end as st
                from (select g, (1 + (g * 7919) % ${n.customers})::int as c, (10000 + random() * 2000000)::bigint as amt,
                             current_date - (random() * 730)::int as issue, random() as r
                        from generate_series(1::bigint, ${n.invoices}) g offset 0) a) b` },
    { label: `${n.receipts.toLocaleString("en")} receipts`, sql: `
      insert into "Receipt"(id, "entityId", "bankAccountId", "customerId", currency, "amountMinor", "unappliedMinor", "valueDate", channel, "payerName", remittance,
                            "bankReference", state, "stateChangedAt", "naturalKey", "sourceSystem", "sourceId", "receivedAt", "postedAt", "postingLatencyMs", "createdAt", "updatedAt")
      select 'r'||g, ${ENT}[k + 1], bank, case when st = 'UNIDENTIFIED' then null else 'c'||c end, ${CUR}[k + 1], amt,
             case when st in ${APPLIED} then 0 else amt end, recv::date, ch::"Channel", 'PAYER '||c, 'INV B'||(1 + (g * 31) % ${n.invoices}),
             case when ch = 'CARD' then 'ch_'||substr(md5(g::text), 1, 14) else 'BR'||upper(substr(md5(g::text), 1, 12)) end, st::"ReceiptState", coalesce(posted, recv), 'nk'||g,
             case when ch = 'CARD' then 'stripe' else 'bank' end, 's'||g, recv, posted,
             case when posted is not null then (extract(epoch from posted - recv) * 1000)::int end, recv, recv
        from (select *, case when st in ('POSTED','PUBLISHED') then least(recv + make_interval(secs => lat), now()::timestamp) end as posted,
                     case when ch = 'CARD' then null when k = 0 then (case when r4 < 0.5 then 'bank_1' else 'bank_2' end)
                          when k = 1 then 'bank_3' else (case when r4 < 0.5 then 'bank_5' else 'bank_6' end) end as bank
                from (select *, case when k = 2 then 'SEPA' else (array['ACH','ACH','WIRE','CHECK','CARD'])[1 + floor(r2 * 5)::int] end as ch,
                             case when age > 7 then (case when r3 < 0.60 then 'PUBLISHED' when r3 < 0.955 then 'POSTED' when r3 < 0.965 then 'RETURNED'
                                                         when r3 < 0.975 then 'DUPLICATE' when r3 < 0.98 then 'CHARGEBACK' when r3 < 0.99 then 'UNIDENTIFIED'
                                                         when r3 < 0.995 then 'SHORT_PAY' else 'OVERPAYMENT' end)
                                  else (case when r3 < 0.5 then 'POSTED' when r3 < 0.6 then 'PUBLISHED' when r3 < 0.65 then 'APPLIED' when r3 < 0.68 then 'RECEIVED'
                                             when r3 < 0.70 then 'MATCHED' when r3 < 0.78 then 'UNIDENTIFIED' when r3 < 0.83 then 'SHORT_PAY' when r3 < 0.87 then 'OVERPAYMENT'
                                             when r3 < 0.91 then 'NEEDS_REVIEW' when r3 < 0.93 then 'DUPLICATE' when r3 < 0.95 then 'RETURNED' when r3 < 0.96 then 'CHARGEBACK'
                                             when r3 < 0.98 then 'POSTING_FAILED' else 'ESCALATED' end) end as st
                        from (select g, c, c % 3 as k, recv, (5000 + random() * 5000000)::bigint as amt,
                                     extract(epoch from now()::timestamp - recv) / 86400 as age, random() as r2, random() as r3, random() as r4,
                                     20 + (-ln(1 - random())) * 1800 as lat
                                from (select g, (1 + (g * 104729) % ${n.customers})::int as c, now()::timestamp - random() * interval '365 days' as recv
                                        from generate_series(1::bigint, ${n.receipts}) g offset 0) a offset 0) b) x) y
       order by y.recv` },
    { label: "applications (15% applied by people)", sql: `
      insert into "Application"(id, "receiptId", "invoiceId", "customerId", kind, "amountMinor", currency, "appliedByType", "appliedById", "appliedAt")
      select 'a'||substr(id, 2), id, 'i'||(1 + (substr(id, 2)::int * 31) % ${n.invoices}), "customerId", 'INVOICE', "amountMinor", currency,
             case when manual then 'user' else 'engine' end, case when manual then 'u_an'||(1 + abs(hashtext(id)) % 10) end,
             case when manual then "receivedAt" + coalesce(("postedAt" - "receivedAt") * 0.8, interval '2 hours') else "receivedAt" + interval '5 seconds' end
        from (select *, abs(hashtext(id || 'm')) % 100 < 15 as manual from "Receipt" where state in ${APPLIED}) r` },
    { label: "exception cases (open and resolved)", sql: `
      insert into "ExceptionCase"(id, code, status, priority, "entityId", "receiptId", "amountMinor", currency, "assigneeId", "slaDueAt", reasons, "resolvedAt", "resolvedById", "createdAt", "updatedAt")
      select 'x'||substr(id, 2), (case state when 'NEEDS_REVIEW' then 'AMBIGUOUS' when 'ESCALATED' then 'SHORT_PAY' else state::text end)::"ExceptionCode",
             (case when old then 'RESOLVED' when state = 'ESCALATED' then 'ESCALATED' when h % 3 = 0 then 'IN_PROGRESS' else 'OPEN' end)::"CaseStatus",
             'NORMAL', "entityId", id, "amountMinor", currency, case when h % 2 = 0 then 'u_an'||(1 + h % 10) end,
             "receivedAt" + interval '48 hours', '{}', case when old then "receivedAt" + make_interval(hours => 1 + h % 72) end,
             case when old then 'u_an'||(1 + h % 10) end, "receivedAt" + interval '10 seconds', now()
        from (select *, abs(hashtext(id)) as h, state in ('RETURNED','DUPLICATE') and "receivedAt" < now()::timestamp - interval '7 days' as old
                from "Receipt" where state in ('UNIDENTIFIED','NEEDS_REVIEW','SHORT_PAY','OVERPAYMENT','DUPLICATE','CHARGEBACK','RETURNED','POSTING_FAILED','ESCALATED')) r;
      insert into "ExceptionCase"(id, code, status, priority, "entityId", "receiptId", "amountMinor", currency, "assigneeId", "slaDueAt", reasons, resolution, "resolvedAt", "resolvedById", "createdAt", "updatedAt")
      select 'y'||substr(r.id, 2), (array['UNIDENTIFIED','AMBIGUOUS','SHORT_PAY','OVERPAYMENT','CUSTOMER_MAPPING'])[1 + abs(hashtext(r.id)) % 5]::"ExceptionCode",
             'RESOLVED', 'NORMAL', r."entityId", r.id, r."amountMinor", r.currency, a."appliedById", r."receivedAt" + interval '48 hours', '{}', 'applied manually',
             a."appliedAt", a."appliedById", r."receivedAt" + interval '10 seconds', now()
        from "Application" a join "Receipt" r on r.id = a."receiptId" where a."appliedByType" = 'user'` },
    { label: "workflow events", sql: `
      insert into "WorkflowEvent"(type, "receiptId", "entityId", "sourceSystem", "sourceId", "toState", "occurredAt", "recordedAt", "correlationId")
      select 'payment.received', id, "entityId", "sourceSystem", id, 'RECEIVED', "receivedAt", "receivedAt", 'cid-'||id from "Receipt";
      insert into "WorkflowEvent"(type, "receiptId", "entityId", "sourceSystem", "sourceId", "fromState", "toState", "occurredAt", "recordedAt", "correlationId")
      select 'receipt.posted', id, "entityId", 'cashline', 'je'||id, 'APPLIED', 'POSTED', "postedAt", "postedAt", 'cid-'||id from "Receipt" where "postedAt" is not null` },
    { label: "journal entries and lines", sql: `
      insert into "JournalEntry"(id, "entityId", currency, "receiptId", kind, "idempotencyKey", status, attempts, "createdAt", "postedAt")
      select 'je'||substr(id, 2), "entityId", currency, id, 'cash_receipt', 'receipt:'||id||':v1',
             (case when state = 'POSTING_FAILED' then 'FAILED' else 'POSTED' end)::"JournalStatus", 1, "receivedAt", "postedAt"
        from "Receipt" where state in ('POSTED','PUBLISHED','POSTING_FAILED') order by coalesce("postedAt", "receivedAt");
      insert into "JournalLine"(id, "entryId", account, "debitMinor", "creditMinor")
      select je.id||'_d', je.id, coalesce(ba."glAccount", '1150'), r."amountMinor", 0
        from "JournalEntry" je join "Receipt" r on r.id = je."receiptId" left join "BankAccount" ba on ba.id = r."bankAccountId"
      union all
      select je.id||'_c', je.id, '1200', 0, r."amountMinor" from "JournalEntry" je join "Receipt" r on r.id = je."receiptId"` },
    { label: "bank lines, statements", sql: `
      insert into "BankTransaction"(id, "bankAccountId", "naturalKey", "amountMinor", currency, "valueDate", "bookingDate", type, "bankReference", "counterpartyName", remittance, reconciled, "receiptId", "createdAt")
      select 'bt'||substr(id, 2), "bankAccountId", 'bt:'||id, "amountMinor", currency, "valueDate", "valueDate", 'NTRF', "bankReference", "payerName", remittance,
             state in ('APPLIED','POSTED','PUBLISHED','POSTING_FAILED','DUPLICATE','RETURNED'), id, "receivedAt"
        from "Receipt" where "bankAccountId" is not null;
      insert into "SourceDocument"(id, kind, "sourceSystem", sha256, "byteSize", content, status, "receivedAt")
      select 'doc_'||ba.id||'_'||d::date, 'bank_statement', 'bank', md5(ba.id||d::date)||md5(d::date||ba.id), 1, '\\x00'::bytea, 'PROCESSED', d::date + interval '30 hours'
        from "BankAccount" ba, generate_series(current_date - 365, current_date - 1, interval '1 day') d;
      with daily as (select "bankAccountId", "valueDate" as d, sum("amountMinor") as s from "BankTransaction" group by 1, 2),
           grid as (select ba.id, d::date as d from "BankAccount" ba, generate_series(current_date - 365, current_date - 1, interval '1 day') d),
           x as (select g.id, g.d, coalesce(daily.s, 0) as s, 25000000 + sum(coalesce(daily.s, 0)) over (partition by g.id order by g.d) as closing
                   from grid g left join daily on daily."bankAccountId" = g.id and daily.d = g.d)
      insert into "BankStatement"(id, "bankAccountId", "documentId", "statementRef", format, "openingBalanceMinor", "openingDate", "closingBalanceMinor", "closingDate", "balanceCheck", "controlTotals", "entryCount", "receivedAt")
      select 'st_'||id||'_'||d, id, 'doc_'||id||'_'||d, id||'-'||d, 'camt.053', closing - s, d, closing, d, 'ok', 'not_applicable', 0, d + interval '30 hours' from x` },
    { label: "connector runs, audit log, payouts", sql: `
      insert into "ConnectorRun"(id, connector, status, "startedAt", "finishedAt", "itemsIn", "itemsOut", error)
      select 'cr'||md5(c||ts::text), c, case when random() < 0.02 then 'FAILED' else 'SUCCEEDED' end, ts, ts + interval '3 seconds', 10, 10, null
        from unnest(array['bank.camt053','billing.events','stripe.webhooks','erp.posting']) c,
             generate_series(now()::timestamp - interval '90 days', now()::timestamp - interval '1 minute', interval '15 minutes') ts;
      insert into "AuditLog"(at, "actorType", "actorId", "actorLabel", action, "targetType", "targetId", details)
      select now()::timestamp - (${n.auditEntries} - g) * (interval '365 days' / ${n.auditEntries}), 'user', 'u_an'||(1 + g % 10), 'analyst'||(1 + g % 10)||'@bench.dev',
             (array['exception.resolved','exception.assigned','exception.note_added','receipt.applied','auth.signed_in','erp.posted','api_key.created','close.signed_off'])[(1 + g % 8)::int],
             case when g % 8 in (0, 1, 2) then 'ExceptionCase' when g % 8 in (3, 5) then 'Receipt' end, 'r'||(1 + (g * 13) % ${n.receipts}), '{}'
        from generate_series(1::bigint, ${n.auditEntries}) g;
      insert into "Payout"(id, "payoutId", "entityId", "bankAccountId", currency, "amountMinor", "grossMinor", "feeMinor", "arrivalDate", status, "statusEventAt", "createdAt", "updatedAt")
      select 'po'||g, 'po_'||g, 'ent_US01', 'bank_1', 'USD', 1000000 + g * 100, 1030000 + g * 100, 30000, current_date - (g / 2) + 2,
             case when g <= 4 then 'in_transit' else 'paid' end, now(), now(), now()
        from generate_series(1, 400) g` },
  ];
}
