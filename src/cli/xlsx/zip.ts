/**
 * The parts of an .xlsx package, read from memory. JSZip reads the zip's central directory, so
 * the parts may come in any order (a workbook.xml after the sheets is as legal as before them);
 * a part is inflated as a stream of text and never written anywhere, so no copy of a patient row
 * lands in a temp folder. What a package may inflate to is bounded (see PackageBudget): a zip
 * bomb stops with its own message, after a bounded amount of work.
 */
import JSZip from "jszip";

/** JSZip's documented ZipObject#internalStream, which its type file leaves out. */
type Streamable = { internalStream(type: "string"): JSZip.JSZipStreamHelper<string> };

/** The package is not a readable workbook (a damaged or truncated file, or another kind of zip). */
export class DamagedWorkbook extends Error {}

/** The package inflates past what its size can honestly hold. */
export class TooBigWhenUnpacked extends Error {
  constructor(readonly limitBytes: number) {
    super(`unpacks to more than ${limitBytes} bytes`);
  }
}

/**
 * How much text all the parts read may inflate to: 64 MiB, plus 50 times the file's size.
 * Spreadsheet XML compresses about 8 to 15 times (a million-row log: 30 MB to about 300 MB), so
 * a real workbook stays well inside; a zip bomb (a few MB unpacking to gigabytes) does not.
 */
export class PackageBudget {
  readonly limit: number;
  private used = 0;

  constructor(fileBytes: number) {
    this.limit = 64 * 1024 * 1024 + 50 * fileBytes;
  }

  spend(chars: number): void {
    this.used += chars;
    if (this.used > this.limit) throw new TooBigWhenUnpacked(this.limit);
  }
}

export class Package {
  private constructor(
    private readonly zip: JSZip,
    readonly budget: PackageBudget
  ) {}

  static async open(buf: Buffer): Promise<Package> {
    try {
      return new Package(await JSZip.loadAsync(buf), new PackageBudget(buf.length));
    } catch (e) {
      throw new DamagedWorkbook(`not a readable zip (${(e as Error).message})`);
    }
  }

  has(part: string): boolean {
    return this.find(part) !== null;
  }

  /** A part by its name in the package, matched ignoring case as Office does. */
  private find(part: string): JSZip.JSZipObject | null {
    const exact = this.zip.file(part);
    if (exact) return exact;
    const wanted = part.toLowerCase();
    for (const name of Object.keys(this.zip.files)) {
      if (name.toLowerCase() === wanted && !this.zip.files[name].dir) return this.zip.files[name];
    }
    return null;
  }

  /** Streams a part's text to `onChunk`, chunk by chunk; false when the package has no such part. */
  async stream(part: string, onChunk: (text: string) => void): Promise<boolean> {
    const file = this.find(part);
    if (!file) return false;
    await new Promise<void>((resolve, reject) => {
      const helper = (file as unknown as Streamable).internalStream("string");
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        helper.pause();
        reject(e);
      };
      helper
        .on("data", (chunk: string) => {
          if (failed) return;
          try {
            this.budget.spend(chunk.length);
            onChunk(chunk);
          } catch (e) {
            fail(e);
          }
        })
        .on("error", (e: Error) => fail(new DamagedWorkbook(`${part}: ${e.message}`)))
        .on("end", () => {
          if (!failed) resolve();
        })
        .resume();
    });
    return true;
  }

  /** A small part's whole text ("" when absent). */
  async text(part: string): Promise<string> {
    const chunks: string[] = [];
    await this.stream(part, (c) => chunks.push(c));
    return chunks.join("");
  }
}

/** "worksheets/sheet3.xml" relative to "xl/" (or "/xl/worksheets/sheet3.xml") → "xl/worksheets/sheet3.xml". */
export function partPath(target: string, base: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out: string[] = [];
  for (const p of (base + target).split("/")) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** The folder a part is in, with its slash: "xl/worksheets/sheet1.xml" → "xl/worksheets/". */
export function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

/** Where a part's relationships are: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsOf(part: string): string {
  return `${folderOf(part)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
}
