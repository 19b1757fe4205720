// Vendor adjustment reason codes mapped onto the product's deduction reasons (DEDUCTION_REASONS). The tables are the
// documented mapping (README "Remittance advices"); an entity's reason table (remit-product) then gives each product
// reason its label, GL account, team and SLA. A code not in a table maps to OTHER and keeps its code on the advice.
import { DEDUCTION_REASONS, type DeductionReason } from "../types.ts";

/** X12 data element 426 (Adjustment Reason Code), as carried in ADX02, RMR07 and RMT09. */
export const X12_ADJUSTMENT_REASONS: Record<string, { label: string; reason: DeductionReason }> = {
  "01": { label: "Pricing Error", reason: "PRICING" },
  "02": { label: "Allowance/Charge Error", reason: "PRICING" },
  "03": { label: "Extension Error", reason: "PRICING" },
  "04": { label: "Item Not Accepted - Damaged", reason: "DAMAGED" },
  "05": { label: "Item Not Accepted - Quality", reason: "DAMAGED" },
  "06": { label: "Quantity Contested", reason: "SHORT_SHIPMENT" },
  "07": { label: "Incorrect Product", reason: "OTHER" },
  "08": { label: "Substitute Product", reason: "OTHER" },
  "09": { label: "Terms of Sale Error", reason: "PRICING" },
  "10": { label: "Pallet/Container Charge Error", reason: "FREIGHT" },
  "11": { label: "Returns - Damage", reason: "RETURN" },
  "12": { label: "Returns - Quality", reason: "RETURN" },
  "13": { label: "Returns - Dating", reason: "RETURN" },
  "14": { label: "Returns - Promotion", reason: "RETURN" },
  "15": { label: "Returns - Recall", reason: "RETURN" },
  "16": { label: "Non-Invoice Related Allowance/Charge", reason: "PROMOTION" },
  "19": { label: "Duplicate Billing", reason: "OTHER" },
  "21": { label: "Shipment Method of Payment Incorrect", reason: "FREIGHT" },
  "22": { label: "Weight Error", reason: "FREIGHT" },
  "23": { label: "Special Charge Not Authorized", reason: "PRICING" },
  "24": { label: "Incorrect Discount", reason: "UNAUTHORISED_DISCOUNT" },
  "25": { label: "Item Not Accepted", reason: "RETURN" },
  "28": { label: "Rebated Shipments", reason: "PROMOTION" },
  "29": { label: "Fee Incorrect", reason: "PRICING" },
  "30": { label: "Delivery Charge Incorrect", reason: "FREIGHT" },
  "31": { label: "Pickup Charge Incorrect", reason: "FREIGHT" },
  "32": { label: "Oversize Premium Invalid", reason: "FREIGHT" },
  "33": { label: "Currency Exchange Incorrect", reason: "PRICING" },
  "34": { label: "Declared Value Incorrect", reason: "FREIGHT" },
  "37": { label: "Dimensions Incorrect", reason: "FREIGHT" },
  "38": { label: "Service Incorrect", reason: "FREIGHT" },
  "41": { label: "Item Not Accepted - Delay", reason: "RETURN" },
  "42": { label: "Item Not Accepted - Loss", reason: "SHORT_SHIPMENT" },
  "43": { label: "Missing Discount", reason: "UNAUTHORISED_DISCOUNT" },
  "46": { label: "Transportation Charge Incorrect", reason: "FREIGHT" },
  "47": { label: "Advanced Charge Incorrect", reason: "FREIGHT" },
  "54": { label: "Freight Deducted", reason: "FREIGHT" },
  "55": { label: "Tax Deducted", reason: "TAX" },
  "56": { label: "Advertising Allowance Taken", reason: "PROMOTION" },
  "57": { label: "Volume Discount Taken", reason: "PROMOTION" },
  "59": { label: "Item Not Received", reason: "SHORT_SHIPMENT" },
  "62": { label: "Material/Item Description Error", reason: "PRICING" },
  "70": { label: "Advanced Ship Notice Not Received", reason: "SHORT_SHIPMENT" },
  "71": { label: "Advertising Allowance", reason: "PROMOTION" },
  "72": { label: "Authorized Return", reason: "RETURN" },
  // Codes kept as OTHER on purpose (not a deduction category of their own): 17-20, 26, 27, 35, 36, 39, 40, 44, 45,
  // 48-53 (charges, interest, over/under-payment credits, e.g. the X218 sample's 52), 58, 60, 61, 63, CS (Adjustment).
};

/** UN/EDIFACT 4465 (Adjustment reason description code): what camt `AdjstmntAmtAndRsn/Rsn` carries in practice. */
export const EDIFACT_ADJUSTMENT_REASONS: Record<string, { label: string; reason: DeductionReason }> = {
  "2": { label: "Below specification goods", reason: "DAMAGED" },
  "3": { label: "Damaged goods", reason: "DAMAGED" },
  "4": { label: "Short delivery", reason: "SHORT_SHIPMENT" },
  "5": { label: "Price query", reason: "PRICING" },
  "14": { label: "Wrong delivery", reason: "SHORT_SHIPMENT" },
  "15": { label: "Goods returned to agent", reason: "RETURN" },
  "16": { label: "Goods partly returned", reason: "RETURN" },
  "17": { label: "Transport damage", reason: "DAMAGED" },
  "19": { label: "Trade discount", reason: "PROMOTION" },
  "21": { label: "Advertising costs", reason: "PROMOTION" },
  "22": { label: "Customs duties", reason: "TAX" },
  "29": { label: "Buyer refused to take delivery", reason: "RETURN" },
  "32": { label: "Goods not delivered", reason: "SHORT_SHIPMENT" },
  "35": { label: "Goods returned", reason: "RETURN" },
  "38": { label: "Deducted bonus", reason: "PROMOTION" },
  "39": { label: "Deducted discount", reason: "UNAUTHORISED_DISCOUNT" },
  "40": { label: "Deducted freight costs", reason: "FREIGHT" },
  "46": { label: "Discount beyond terms", reason: "UNAUTHORISED_DISCOUNT" },
  "48": { label: "Allowance/charge error", reason: "PRICING" },
  "54": { label: "Weight error", reason: "FREIGHT" },
  "56": { label: "Incorrect discount", reason: "UNAUTHORISED_DISCOUNT" },
  "57": { label: "Price change", reason: "PRICING" },
  "66": { label: "Cash discount", reason: "UNAUTHORISED_DISCOUNT" },
  "72": { label: "Temporary special promotion", reason: "PROMOTION" },
  "73": { label: "Difference in tax rate", reason: "TAX" },
  "74": { label: "Quantity discount", reason: "PROMOTION" },
  "75": { label: "Promotion discount", reason: "PROMOTION" },
  "77": { label: "Pricing discount", reason: "PRICING" },
  "78": { label: "Volume discount", reason: "PROMOTION" },
};

/** Words in free text (a spreadsheet's "Reason" column, camt AddtlInf) that name a reason; first match wins. */
const KEYWORDS: [RegExp, DeductionReason][] = [
  [/promo|allowance|advertis|co-?op|rebate|slotting|volume/i, "PROMOTION"],
  [/unauth|unearned|discount/i, "UNAUTHORISED_DISCOUNT"],
  [/damag|broken|defect|quality/i, "DAMAGED"],
  [/short|missing|not (?:received|delivered)|shortage/i, "SHORT_SHIPMENT"],
  [/freight|shipping|delivery charge|carrier/i, "FREIGHT"],
  [/\btax|vat|gst|duty|duties/i, "TAX"],
  [/pric|overcharg|billing error|\brates?\b/i, "PRICING"],
  [/return|refused|rma\b/i, "RETURN"],
];

export function reasonFromText(text: string | null | undefined): DeductionReason | null {
  if (!text) return null;
  for (const [re, reason] of KEYWORDS) if (re.test(text)) return reason;
  return null;
}

export function x12Reason(code: string | null): DeductionReason {
  return (code && X12_ADJUSTMENT_REASONS[code]?.reason) || "OTHER";
}

/** camt: a UN/EDIFACT 4465 code, else words of the reason or its additional information, else OTHER. */
export function camtReason(code: string | null, text: string | null): DeductionReason {
  return (code && EDIFACT_ADJUSTMENT_REASONS[code.replace(/^0+(?=\d)/, "")]?.reason) || reasonFromText(code) || reasonFromText(text) || "OTHER";
}

/**
 * A spreadsheet's reason cell: the product's own code ("DAMAGED", "short shipment"), an X12 426 code ("04"), or free
 * text with a telling word ("Damaged pallet"); else OTHER.
 */
export function spreadsheetReason(value: string | null, text: string | null): DeductionReason {
  const v = (value ?? "").trim();
  const asCode = v.toUpperCase().replace(/[\s-]+/g, "_").replace("UNAUTHORIZED", "UNAUTHORISED");
  if ((DEDUCTION_REASONS as readonly string[]).includes(asCode)) return asCode as DeductionReason;
  if (/^\d{2}$/.test(v) && X12_ADJUSTMENT_REASONS[v]) return X12_ADJUSTMENT_REASONS[v]!.reason;
  return reasonFromText(v) ?? reasonFromText(text) ?? "OTHER";
}
