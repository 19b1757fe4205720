// Preloaded (NODE_OPTIONS=--require) into every Node process the demo starts, and so into their own children
// (tsx's node, next start's next-server): when the process that started the family is gone — even SIGKILLed,
// when it could run no clean-up — this process exits too. Nothing is left behind to spin on a database that
// has gone with it. The timer is unref'd: it never keeps a process alive by itself.
"use strict";
const parent = Number(process.env.CASHLINE_LIFELINE_PID);
if (parent > 0 && parent !== process.pid) {
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.stderr.write(`[lifeline] process ${parent} that started this one is gone: exiting\n`);
      process.exit(0);
    }
  }, 500);
  timer.unref();
}
