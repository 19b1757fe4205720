// A bank file Cashline cannot take as it is (unknown account, a currency the account does not hold, an amount the
// currency cannot have): it is quarantined with this message, and nothing from it is kept. Parse errors
// (StatementParseError) are quarantined the same way; every other failure is retried.
export class QuarantineError extends Error {
  override name = "QuarantineError";
}

/** The raw bytes are not UTF-8: the file is read again as Latin-1 (old bank files often are). */
export class NotUtf8Error extends Error {
  override name = "NotUtf8Error";
}
