// The one interface every ERP speaks through (Oracle Fusion, SAP S/4HANA Cloud, Dynamics 365 Business Central,
// NetSuite). The posting pipeline, the shared circuit breaker, retries, the exactly-once suite and replay only
// see this type; an adapter turns it into its vendor's real API (paths, payloads, auth handshake, error format).
// Every write must be safe to call again after ANY failure (a timeout after commit included): with vendor
// idempotency keys where the API has them, else by looking up our own key (receipt number / external id) first.
import type { ErpApplicationPosting, ErpPosting, ErpReceipt } from "./posting.ts";
export type { ErpApplicationFx } from "./posting.ts";

export const ERP_KINDS = ["oracle", "sap", "bc", "netsuite"] as const;
export type ErpKind = (typeof ERP_KINDS)[number];

/** What an adapter can and cannot do; the pipeline plans around it (batching, pacing, re-post checks). */
export type ErpCapabilities = {
  /** The API honours an idempotency key on writes (Oracle via our gateway header); false = look up before re-posting. */
  idempotencyKeys: boolean;
  /** How our key is carried: "header" (Idempotency-Key), "externalId" (NetSuite upsert), "documentNumber" (lookup). */
  idempotencyMechanism: "header" | "externalId" | "documentNumber" | "lookup";
  /** Receipts per call when the API takes several at once (1 = no batching). */
  maxBatchSize: number;
  /** The vendor's documented/realistic request rate or concurrency limit (the simulator enforces it). */
  rateLimit: { requestsPerSecond?: number; concurrentRequests?: number };
  /** true when a payment and its applications are one call (SAP journal entry, NetSuite apply sublist). */
  paymentAndApplicationsInOneCall: boolean;
  /** The API can unapply a single application (else reverse the payment and re-post). */
  unapply: "application" | "reverse-and-repost";
  /** What must be installed in the ERP beside its standard API for every method to work (e.g. a BC extension). */
  requires?: string[];
  /**
   * Takes a cross-currency application (ErpApplicationPosting.fx: the invoice-currency amount, the receipt-currency
   * amount allocated, the rate and its day, the realised FX in the functional currency). Absent/false: the adapter
   * refuses such a posting with a permanent `not_supported` error naming why.
   */
  crossCurrencyApplications?: boolean;
};

export type ErpPostingResult = { erpReceiptId: string; applicationIds: string[] };

/** How a revision (unapply/reapply) is booked: `date` YYYY-MM-DD in an open ERP period. */
export type ErpRevisionOptions = { date?: string };

/** A customer as the ERP holds it (master data in). */
export type ErpCustomerRecord = {
  accountNumber: string; name: string; entity: string;
  bankAccounts: string[]; parentAccountNumber?: string | null; lastModified: string | null;
};

/** An open (or just closed) receivable as the ERP holds it; amounts are decimal strings in `currency`. */
export type ErpOpenItem = {
  invoiceNumber: string; customerAccount: string; entity: string; currency: string;
  amount: string; openAmount: string; issueDate: string | null; dueDate: string | null; lastModified: string | null;
  erpDocumentId: string;
};

/** An invoice from the billing platform, published to the ERP as a receivables invoice (exactly once). */
export type ErpInvoicePublication = {
  idempotencyKey: string; invoiceNumber: string; customerAccount: string; entity: string; currency: string;
  amount: string; issueDate: string; dueDate: string | null; description?: string | null;
};

/** An accounting period as the ERP reports it; a posting into a closed one moves to the next open one. */
export type ErpPeriod = { name: string; start: string; end: string; open: boolean };

export type ErpPage<T> = { items: T[]; /** pass back to continue; null when done */ cursor: string | null };

export interface ErpAdapter {
  readonly kind: ErpKind;
  readonly capabilities: ErpCapabilities;
  /** Cheap authenticated round trip for the admin page's "test connection" (token handshake included). */
  testConnection(): Promise<{ ok: true; detail: string }>;
  postReceipt(posting: ErpPosting): Promise<ErpPostingResult>;
  /** Brings an ERP receipt's live applications to `target`: unapplies what is no longer there, applies what is new.
   *  `options.date`: the date to book the change on, chosen from the ERP's open periods like a first posting's
   *  (lib/posting/assign-posting-dates.ts); an adapter whose API dates revisions itself may ignore it. */
  reviseApplications(erpReceiptId: string, currency: string, target: ErpApplicationPosting[], keyPrefix: string, options?: ErpRevisionOptions): Promise<ErpPostingResult>;
  lookupReceipt(receiptNumber: string, entity?: string): Promise<ErpReceipt | null>;
  getReceipt(erpReceiptId: string): Promise<ErpReceipt>;
  ensureCustomerAccount(account: { accountNumber: string; name: string; entity: string }): Promise<void>;
  /** Customers changed since `modifiedSince` (ISO timestamp; null = all), paged. */
  readCustomers(query: { entity: string; modifiedSince: string | null; cursor?: string | null }): Promise<ErpPage<ErpCustomerRecord>>;
  /** Receivables changed since `modifiedSince` (open ones, and ones closed since then so Cashline sees them paid). */
  readOpenReceivables(query: { entity: string; modifiedSince: string | null; cursor?: string | null }): Promise<ErpPage<ErpOpenItem>>;
  publishInvoice(invoice: ErpInvoicePublication): Promise<{ erpDocumentId: string; erpDocumentNumber: string }>;
  readPeriods(entity: string): Promise<ErpPeriod[]>;
}

/**
 * How to reach one entity's ERP: the admin page stores it per legal entity (credentials sealed at rest) and the
 * registry (`lib/erp/adapters.ts`) builds the adapter from it. `credentials` keys are per kind, e.g. SAP
 * {clientId, clientSecret, tokenUrl} or {user, password}; BC {tenantId, clientId, clientSecret, tokenUrl, companyId};
 * NetSuite {accountId, clientId, certificateId, privateKey} or TBA {consumerKey, consumerSecret, tokenId, tokenSecret}.
 */
export type ErpConnectionConfig = {
  kind: ErpKind;
  baseUrl: string;
  credentials: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Every request goes through it (the shared circuit breaker in production). */
  breaker?: import("./circuit-breaker.ts").ErpCallGate;
  /** Extra tries of one safe request after a blip (see ErpClientOptions.requestRetries). */
  requestRetries?: number;
};

export type ErpAdapterFactory = (config: ErpConnectionConfig) => ErpAdapter;
