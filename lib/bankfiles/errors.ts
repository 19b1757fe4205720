// One error type for every "this is not a readable statement" problem, carrying where it happened
// (a line number for the line formats, an element path for XML) so the CLI can print one precise line.

export interface ParseLocation {
  file?: string;
  line?: number;
  xmlPath?: string;
}

export class StatementParseError extends Error {
  readonly problem: string;
  readonly file?: string;
  readonly line?: number;
  readonly xmlPath?: string;

  constructor(problem: string, where: ParseLocation = {}) {
    super(formatLocation(where, problem));
    this.name = "StatementParseError";
    this.problem = problem;
    this.file = where.file;
    this.line = where.line;
    this.xmlPath = where.xmlPath;
  }

  /** The same error, attributed to a file (parsers are pure and do not know file names). */
  withFile(file: string): StatementParseError {
    return new StatementParseError(this.problem, { file, line: this.line, xmlPath: this.xmlPath });
  }
}

/** `<file>:<line>: <problem>` or `<file>: <xml path>: <problem>`, always one line. */
function formatLocation(where: ParseLocation, problem: string): string {
  const oneLine = problem.replace(/[\r\n]+/g, " ");
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(where.line !== undefined ? `${where.file}:${where.line}` : where.file);
  else if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.xmlPath) parts.push(where.xmlPath);
  return [...parts, oneLine].join(": ");
}
