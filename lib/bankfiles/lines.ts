// Incremental input plumbing shared by the parsers: text arrives in chunks (a whole file or a
// stream), line formats see one line at a time with its 1-based number.

/** A parser fed with text chunks; `end()` flushes and validates the file's end. */
export interface ChunkParser {
  write(chunk: string): void;
  end(): void;
}

export interface LineConsumer {
  line(text: string, lineNo: number): void;
  /** `lastLine` is the number of the last line seen (for "missing trailer" errors). */
  end(lastLine: number): void;
}

/** Splits chunks into lines (LF or CRLF), keeping a partial last line until more text arrives. */
export function lineParser(consumer: LineConsumer): ChunkParser {
  let rest = "";
  let lineNo = 0;
  const emit = (raw: string) => consumer.line(raw.endsWith("\r") ? raw.slice(0, -1) : raw, ++lineNo);
  return {
    write(chunk) {
      const text = rest + chunk;
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        emit(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    },
    end() {
      if (rest !== "") emit(rest);
      rest = "";
      consumer.end(lineNo);
    },
  };
}
