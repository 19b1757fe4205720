// Sign-in throttling: after too many failures for one e-mail address (or from one IP) in a window, further
// attempts are refused until the window passes, whether or not the password is right.
import { db } from "../db/client.ts";

export const THROTTLE = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 30 };

export async function isThrottled(email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [byEmail, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { email, success: false, at: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, success: false, at: { gte: since } } }),
  ]);
  return byEmail >= THROTTLE.maxPerEmail || byIp >= THROTTLE.maxPerIp;
}

export async function recordAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email, ip, success } });
}
