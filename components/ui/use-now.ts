"use client";
// The current time for relative labels ("due in 3 h"), null until mounted so server and hydration render alike.
import { useEffect, useState } from "react";

export function useNow(everyMs = 30_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
