// Kept only so existing imports resolve: every formatter lives in components/format.ts (the only one).
export { formatMoney as money, formatDateTime as dateTime, formatDuration as duration, slaText, humanize, reasonLabel, withReasonLabels } from "../format.ts";
