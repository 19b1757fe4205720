// Size bounds every parser enforces on its own, so a hostile file is refused with a clear message (file, line or
// XML path) long before the parse thread's time or memory limit would stop it. Each bound is far above what any
// bank writes: a statement line is under 1 KB, an MT940 :86: field at most 6 x 65 characters, a camt <Ntry> a few
// hundred elements, CTX addenda at most 9,999.
export const LIMITS = {
  /** One physical line of a line format (BAI2, MT940). NACHA's unbroken record streams are split as they arrive. */
  lineChars: 100_000,
  /** One logical record or field across its continuation lines (BAI2 88 records, MT940 field lines). */
  recordChars: 1_000_000,
  /** Nesting of XML elements (camt documents nest about 12 deep). */
  xmlDepth: 64,
  /** Elements in one captured camt subtree (<Ntry>, <Bal>, <Acct>). */
  subtreeElements: 5_000,
  /** Characters of text in one element, or in the file between two pieces of markup. */
  textChars: 1_000_000,
  /** Addenda records of one NACHA entry. */
  addenda: 10_000,
  /** Statements (BAI2 accounts, NACHA batches, camt/MT940 statements) in one file. */
  statements: 50_000,
} as const;
