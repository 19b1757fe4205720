// Business Central speaks amounts as JSON numbers ("amount": -1234.5). Cashline never lets money become a JS float,
// so both directions go through this: parsing turns every number token into its decimal string as written, and
// writing emits a `decimal("1234.50")` as the bare number token 1234.50. Used by the adapter and the simulator.

const RAW = Symbol("bc-decimal");
export type BcDecimal = { [RAW]: string };

/** A decimal string to be written as a JSON number token (checked: digits, optional sign and fraction). */
export function decimal(value: string): BcDecimal {
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new Error(`not a decimal: "${value}"`);
  return { [RAW]: value };
}

const MARK = "\u0000bcdec:";

/** JSON.stringify where BcDecimal values become bare number tokens (no float in between). */
export function stringifyBc(body: unknown): string {
  const text = JSON.stringify(body, (_k, v: unknown) => (v && typeof v === "object" && RAW in v ? `${MARK}${(v as BcDecimal)[RAW]}` : v));
  return text.replace(/"\\u0000bcdec:(-?\d+(?:\.\d+)?)"/g, "$1");
}

/** JSON.parse where every number token arrives as the string it was written as ("-1500", "0.5", "10000"). */
export function parseBc(text: string): unknown {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // copy a string literal verbatim, escapes included
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
      if (!m) throw new SyntaxError(`bad number at ${i}`);
      out += `"${m[0]}"`;
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}

/** A decimal string from what parseBc gave back (a number token string); exponent forms are refused. */
export function decimalText(v: unknown, field: string): string {
  if (typeof v !== "string" || !/^-?\d+(\.\d+)?$/.test(v)) throw new Error(`${field}: expected a decimal number, got ${JSON.stringify(v)}`);
  return v;
}
