/**
 * A streaming reader of Athena's result files: CSV as RFC 4180 defines it (fields separated by
 * commas, records by line breaks, a field in double quotes may hold commas, line breaks and quotes
 * doubled). Athena quotes every value and writes SQL NULL as an empty field without quotes, so an
 * empty string is `""` and a NULL is nothing at all (pyathena-dev/PyAthena#643 and its
 * AthenaCSVReader, which tell them apart the same way): the reader keeps the difference, a NULL
 * field coming back as null.
 */

/** One record: a string per quoted or non-empty field, null for an empty unquoted one. */
export type CsvRecord = (string | null)[];

const QUOTE = 34; // "
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The records of a CSV byte stream, as they complete. UTF-8 is decoded across chunk boundaries; a
 * record ends at LF or CRLF outside quotes. A file that ends inside a quoted field was cut short,
 * and is an error rather than a last record missing its end.
 */
export async function* csvRecords(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parser = new CsvParser();
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(text);
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}

type State = "field-start" | "unquoted" | "quoted" | "quote-in-quoted";

class CsvParser {
  private state: State = "field-start";
  private field = "";
  private record: CsvRecord = [];
  /** Whether the current record has begun: a line break right after another is a record of one NULL. */
  private started = false;
  /** A CR outside quotes, waiting to see whether LF follows. */
  private pendingCr = false;
  private line = 1;

  *push(text: string): Generator<CsvRecord> {
    let i = 0;
    const n = text.length;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (code !== LF) throw this.error("a carriage return outside quotes that does not end a line");
        i++;
        yield this.endRecord();
        continue;
      }
      switch (this.state) {
        case "quoted": {
          // The run up to the next quote is the value as it is, line breaks and commas included.
          const close = text.indexOf('"', i);
          const end = close === -1 ? n : close;
          this.countLines(text, i, end);
          this.field += text.slice(i, end);
          i = end;
          if (close !== -1) {
            this.state = "quote-in-quoted";
            i++;
          }
          break;
        }
        case "quote-in-quoted":
          if (code === QUOTE) {
            this.field += '"';
            this.state = "quoted";
            i++;
          } else {
            this.state = "unquoted";
            if (code !== COMMA && code !== LF && code !== CR) throw this.error("text after the closing quote of a field");
            // The quoted value is complete; the separator is handled below as for an unquoted field.
            this.markQuoted();
          }
          break;
        case "field-start":
          this.started = true;
          if (code === QUOTE) {
            this.state = "quoted";
            i++;
            break;
          }
          // The same character again, as the first of an unquoted field.
          this.state = "unquoted";
          break;
        case "unquoted": {
          if (code === COMMA) {
            this.endField();
            i++;
          } else if (code === LF) {
            i++;
            yield this.endRecord();
          } else if (code === CR) {
            i++;
            this.pendingCr = true;
          } else if (code === QUOTE) {
            throw this.error("a quote inside an unquoted field");
          } else {
            let end = i + 1;
            while (end < n) {
              const next = text.charCodeAt(end);
              if (next === COMMA || next === LF || next === CR || next === QUOTE) break;
              end++;
            }
            this.field += text.slice(i, end);
            i = end;
          }
          break;
        }
      }
    }
  }

  *end(): Generator<CsvRecord> {
    if (this.state === "quoted") throw this.error("the file ends inside a quoted field (cut short?)");
    if (this.state === "quote-in-quoted") this.markQuoted();
    if (this.pendingCr) throw this.error("a carriage return outside quotes that does not end a line");
    if (this.started) yield this.endRecord();
  }

  private quoted = false;

  private markQuoted(): void {
    this.quoted = true;
  }

  private endField(): void {
    this.record.push(this.field === "" && !this.quoted ? null : this.field);
    this.field = "";
    this.quoted = false;
    this.state = "field-start";
  }

  private endRecord(): CsvRecord {
    this.endField();
    const record = this.record;
    this.record = [];
    this.started = false;
    this.line++;
    return record;
  }

  private countLines(text: string, from: number, to: number): void {
    for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) this.line++;
  }

  private error(what: string): Error {
    return new Error(`Athena's result file is not valid CSV: ${what} (line ${this.line})`);
  }
}
