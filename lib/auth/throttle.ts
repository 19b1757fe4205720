// Sign-in throttling that slows an attacker down without ever locking the owner out.
//
// The old rule ("5 failures for an address → refused for 15 minutes") let anyone lock out any account, the
// admin's included, by typing five wrong passwords. Now every failure only buys a cool-down, i.e. the earliest
// moment the next attempt is looked at, and the cool-down doubles with each further failure, in three scopes:
//
//  - account + address (the same e-mail from the same client): 3 free failures, then 1 s, 2 s, 4 s … capped at
//    15 minutes. One attacker guessing one account from one address gets a few dozen guesses per hour.
//  - address (any e-mail from one client: password spraying): 20 free failures, then doubling up to 15 minutes.
//  - account (one e-mail from every address: a distributed guess): 10 free failures, then doubling but capped at
//    60 s — this is the one that could hurt the owner, so it never grows into a lock. From a fresh address the
//    owner waits at most a minute.
//  The address and account scopes do not apply at all to an address this account signed in from successfully in
//  the last 30 days (the owner's usual places): neither an attacker guessing the account from elsewhere nor a
//  colleague's typos behind the same office NAT slow the owner down there.
//
// Failures count over the last 15 minutes; a success clears the account + address and account scopes (not the
// address scope: signing into one's own account must not reset a spraying counter). An attempt refused because of
// a cool-down is not checked and does not count as a failure, so waiting always helps.
import { db } from "../db/client.ts";

export const THROTTLE = {
  windowMs: 15 * 60_000,
  knownAddressMs: 30 * 24 * 3600_000,
  pair: { free: 3, baseMs: 1000, capMs: 15 * 60_000 },
  ip: { free: 20, baseMs: 1000, capMs: 15 * 60_000 },
  account: { free: 10, baseMs: 1000, capMs: 60_000 },
};

type Scope = { free: number; baseMs: number; capMs: number };

export function coolDownMs(failures: number, scope: Scope): number {
  if (failures <= scope.free) return 0;
  return Math.min(scope.capMs, scope.baseMs * 2 ** Math.min(30, failures - scope.free - 1));
}

type Counts = {
  pair_failures: number; pair_last: Date | null;
  ip_failures: number; ip_last: Date | null;
  account_failures: number; account_last: Date | null;
  known_address: boolean;
};

/** How long this e-mail from this address must still wait (0: go ahead). */
export async function throttleWaitMs(email: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const knownSince = new Date(now.getTime() - THROTTLE.knownAddressMs);
  // Failures after the scope's last success, inside the window; one round trip for all three scopes.
  const [c] = await db.$queryRaw<Counts[]>`
    with pair_ok as (select max(at) as at from "LoginAttempt" where email = ${email} and ip = ${ip} and success),
         acct_ok as (select max(at) as at from "LoginAttempt" where email = ${email} and success)
    select
      (select count(*)::int from "LoginAttempt" a where a.email = ${email} and a.ip = ${ip} and not a.success and a.at >= ${since}
         and a.at > coalesce((select at from pair_ok), '-infinity')) as pair_failures,
      (select max(a.at) from "LoginAttempt" a where a.email = ${email} and a.ip = ${ip} and not a.success and a.at >= ${since}) as pair_last,
      (select count(*)::int from "LoginAttempt" a where a.ip = ${ip} and not a.success and a.at >= ${since}) as ip_failures,
      (select max(a.at) from "LoginAttempt" a where a.ip = ${ip} and not a.success and a.at >= ${since}) as ip_last,
      (select count(*)::int from "LoginAttempt" a where a.email = ${email} and not a.success and a.at >= ${since}
         and a.at > coalesce((select at from acct_ok), '-infinity')) as account_failures,
      (select max(a.at) from "LoginAttempt" a where a.email = ${email} and not a.success and a.at >= ${since}) as account_last,
      exists (select 1 from "LoginAttempt" a where a.email = ${email} and a.ip = ${ip} and a.success and a.at >= ${knownSince}) as known_address`;
  const until = (failures: number, last: Date | null, scope: Scope) => (last ? last.getTime() + coolDownMs(failures, scope) : 0);
  const earliest = Math.max(
    until(c!.pair_failures, c!.pair_last, THROTTLE.pair),
    c!.known_address ? 0 : until(c!.ip_failures, c!.ip_last, THROTTLE.ip),
    c!.known_address ? 0 : until(c!.account_failures, c!.account_last, THROTTLE.account),
  );
  return Math.max(0, earliest - now.getTime());
}

export async function recordAttempt(email: string, ip: string, success: boolean, at = new Date()): Promise<void> {
  await db.loginAttempt.create({ data: { email, ip, success, at } });
}
