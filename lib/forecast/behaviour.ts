// Each customer's payment behaviour, learned from history:
// - when cash comes, as days-to-pay relative to the due date (an empirical distribution, weighted by amount, so a
//   customer who pays half on time and half a month later counts both halves where they fell);
// - how much never comes as cash (write-offs, deductions): a "never" mass in the same distribution;
// - the partial-payment habit: the share of invoices paid in more than one payment and the usual first share.
// Invoices still unpaid at the forecast date count too, as right-censored observations (Kaplan–Meier, weighted by
// amount): without them a history of the few that paid would say everything pays, however overdue.
// A customer with few payments is shrunk towards the entity's behaviour: weight n / (n + SHRINK_K) on its own.
import type { PaymentSample } from "./types.ts";

export const LAG_MIN = -60;
export const LAG_MAX = 240;
export const LAGS = LAG_MAX - LAG_MIN + 1;
/** Payments a customer needs before its own behaviour weighs as much as the entity's. */
export const SHRINK_K = 5;

export type Behaviour = {
  /** Probability per lag (index = lag − LAG_MIN) that a unit of open amount is paid that many days after due. */
  lag: Float64Array;
  never: number;
  /** Probability that an invoice is paid in more than one payment, and the usual share of the first one. */
  splitP: number;
  firstShare: number;
  samples: number;
};

export type Behaviours = { entity: Behaviour; customer(customerId: string): Behaviour };

const clampLag = (l: number) => Math.min(LAG_MAX, Math.max(LAG_MIN, l));

type Tally = { lag: Float64Array; censored: Float64Array; never: number; total: number; samples: number; invoices: Map<string, { day: number; amount: number }[]> };

function newTally(): Tally {
  return { lag: new Float64Array(LAGS), censored: new Float64Array(LAGS + 1), never: 0, total: 0, samples: 0, invoices: new Map() };
}

function add(t: Tally, s: PaymentSample) {
  const amount = Number(s.amountMinor);
  if (amount <= 0) return;
  if (s.censoredAtDay !== undefined) {
    // Unpaid through lag c − 1 (c = days past due at the forecast date); before the lags we model: no information.
    const c = s.censoredAtDay - s.dueDay;
    if (c <= LAG_MIN) return;
    t.samples++;
    t.censored[Math.min(c, LAG_MAX + 1) - LAG_MIN]! += amount;
    return;
  }
  t.samples++;
  t.total += amount;
  if (s.cashDay === null) { t.never += amount; return; }
  t.lag[clampLag(s.cashDay - s.dueDay) - LAG_MIN]! += amount;
  const list = t.invoices.get(s.invoiceId) ?? [];
  list.push({ day: s.cashDay, amount });
  t.invoices.set(s.invoiceId, list);
}

/** No history at all: pay on the due date or within a month after it, evenly; nothing lost. */
function prior(): Behaviour {
  const lag = new Float64Array(LAGS);
  for (let l = 0; l <= 30; l++) lag[l - LAG_MIN] = 1 / 31;
  return { lag, never: 0, splitP: 0, firstShare: 0.5, samples: 0 };
}

/** Kaplan–Meier over lags: hazard = paid at the lag / still at risk at it (paid later, never paid, censored later). */
function survival(t: Tally): { lag: Float64Array; never: number } {
  const lag = new Float64Array(LAGS);
  let atRisk = t.total + t.censored.reduce((s, v) => s + v, 0);
  let surviving = 1;
  for (let i = 0; i < LAGS; i++) {
    atRisk -= t.censored[i]!; // censored at lag c: unknown from c on
    if (atRisk <= 0) break;
    const h = Math.min(1, t.lag[i]! / atRisk);
    lag[i] = surviving * h;
    surviving *= 1 - h;
    atRisk -= t.lag[i]!;
  }
  return { lag, never: Math.max(0, surviving) };
}

function toBehaviour(t: Tally): Behaviour {
  if (t.total <= 0) return prior();
  const { lag, never } = survival(t);
  let split = 0, shares = 0;
  for (const pays of t.invoices.values()) {
    if (pays.length < 2) continue;
    split++;
    const sum = pays.reduce((s, p) => s + p.amount, 0);
    const first = pays.reduce((a, b) => (b.day < a.day ? b : a));
    shares += first.amount / sum;
  }
  return { lag, never, splitP: t.invoices.size ? split / t.invoices.size : 0, firstShare: split ? shares / split : 0.5, samples: t.samples };
}

/** w·own + (1−w)·entity, w = n / (n + SHRINK_K). */
export function shrink(own: Behaviour, entity: Behaviour): Behaviour {
  const w = own.samples / (own.samples + SHRINK_K);
  if (w === 0) return entity;
  return {
    lag: own.lag.map((v, i) => w * v + (1 - w) * entity.lag[i]!),
    never: w * own.never + (1 - w) * entity.never,
    splitP: w * own.splitP + (1 - w) * entity.splitP,
    firstShare: w * own.firstShare + (1 - w) * entity.firstShare,
    samples: own.samples,
  };
}

export function learnBehaviours(history: PaymentSample[]): Behaviours {
  const all = newTally();
  const per = new Map<string, Tally>();
  for (const s of history) {
    add(all, s);
    const t = per.get(s.customerId) ?? newTally();
    add(t, s);
    per.set(s.customerId, t);
  }
  const entity = toBehaviour(all);
  const cache = new Map<string, Behaviour>();
  return {
    entity,
    customer(id) {
      let b = cache.get(id);
      if (!b) {
        const t = per.get(id);
        b = t ? shrink(toBehaviour(t), entity) : entity;
        cache.set(id, b);
      }
      return b;
    },
  };
}
