// The ISO 4217 table is shared by the whole project (lib/money/currencies.ts); the engine keeps its own import path.
export { currencyExponent, isKnownCurrency } from "../money/currencies.ts";
