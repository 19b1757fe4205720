// The demo company: three legal entities, their bank accounts, and name parts for ~500 customers.
export const DEMO_ENTITIES = [
  { code: "US01", name: "Cashline Demo Inc.", country: "US", functionalCurrency: "USD", timezone: "America/New_York", invoicePrefix: (n: number) => `INV-2026-${String(n).padStart(6, "0")}` },
  { code: "UK01", name: "Cashline Demo Ltd", country: "GB", functionalCurrency: "GBP", timezone: "Europe/London", invoicePrefix: (n: number) => `UK-${100000 + n}` },
  { code: "DE01", name: "Cashline Demo GmbH", country: "DE", functionalCurrency: "EUR", timezone: "Europe/Berlin", invoicePrefix: (n: number) => `RE2026/${String(n).padStart(5, "0")}` },
] as const;

export const DEMO_BANK_ACCOUNTS = [
  { entity: "US01", bankName: "JPMorgan Chase", bic: "CHASUS33", accountNumber: "000123456789", iban: null, currency: "USD", name: "US Operating", glAccount: "1010" },
  { entity: "US01", bankName: "Wells Fargo", bic: "WFBIUS6S", accountNumber: "000987654321", iban: null, currency: "USD", name: "US Lockbox", glAccount: "1011" },
  { entity: "UK01", bankName: "Barclays", bic: "BARCGB22", accountNumber: "20325373901234", iban: "GB33BUKB20201555555555", currency: "GBP", name: "UK Collections", glAccount: "1020" },
  { entity: "UK01", bankName: "HSBC UK", bic: "HBUKGB4B", accountNumber: "40051512345678", iban: "GB94BARC10201530093459", currency: "USD", name: "UK USD Account", glAccount: "1021" },
  { entity: "DE01", bankName: "Deutsche Bank", bic: "DEUTDEFF", accountNumber: "0532013000", iban: "DE89370400440532013000", currency: "EUR", name: "DE Hauptkonto", glAccount: "1030" },
  { entity: "DE01", bankName: "Commerzbank", bic: "COBADEFF", accountNumber: "0123456700", iban: "DE12500105170648489890", currency: "EUR", name: "DE Sammelkonto", glAccount: "1031" },
] as const;

export const NAME_A = ["Redforge", "Ironport", "Bluecrest", "Northwind", "Silverline", "Oakridge", "Crownlight", "Maplestone", "Stonebridge", "Brightwater", "Harbor", "Summit", "Evergreen", "Falcon", "Granite", "Lakeside", "Meridian", "Pinecrest", "Riverbend", "Sunfield", "Westgate", "Copperleaf", "Driftwood", "Foxglove", "Highland", "Ironwood", "Juniper", "Kestrel", "Larkspur", "Moorland"];
export const NAME_B = ["Analytics", "Logistics", "Textile", "Foods", "Systems", "Consulting", "Engineering", "Retail", "Pharma", "Media", "Energy", "Robotics", "Holdings", "Supplies", "Motors", "Labs", "Brewing", "Outdoor", "Software", "Freight"];
export const SUFFIX: Record<string, string[]> = { US01: ["Inc.", "LLC", "Corp.", "Corporation"], UK01: ["Ltd", "Limited", "PLC"], DE01: ["GmbH", "AG", "GmbH & Co. KG"] };
export const DEMO_USERS = [
  { email: "analyst@demo.cashline.dev", name: "Alex Analyst", role: "AR_ANALYST", writeOffLimitMinor: 5000n },
  { email: "treasury@demo.cashline.dev", name: "Taylor Treasury", role: "TREASURY", writeOffLimitMinor: 0n },
  { email: "controller@demo.cashline.dev", name: "Casey Controller", role: "CONTROLLER", writeOffLimitMinor: 100000n },
  { email: "admin@demo.cashline.dev", name: "Avery Admin", role: "ADMIN", writeOffLimitMinor: 0n },
  { email: "sam.collector@demo.cashline.dev", name: "Sam Collector", role: "AR_ANALYST", writeOffLimitMinor: 2500n },
  { email: "jo.analyst@demo.cashline.dev", name: "Jo Analyst", role: "AR_ANALYST", writeOffLimitMinor: 5000n },
] as const;
