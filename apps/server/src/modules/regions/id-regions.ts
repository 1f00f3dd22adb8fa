import { readFileSync } from "node:fs";
import { divisionFile } from "./division-source.js";

let known: { counties: Set<string>; cities: Set<string> } | undefined;

function load() {
  const codes = (file: string) =>
    new Set((JSON.parse(readFileSync(divisionFile(file), "utf8")) as { code: string }[]).map((entry) => entry.code));
  known ??= { counties: codes("areas.json"), cities: codes("cities.json") };
  return known;
}

/**
 * Whether the first six digits of an ID number name a place of registration (GB/T 2260): a
 * current county, or a county since merged or renamed inside a current city (ID numbers keep the
 * code they were issued under, so an abolished county's code stays valid).
 */
export function isIdRegion(code: string): boolean {
  const { counties, cities } = load();
  return counties.has(code) || cities.has(code.slice(0, 4));
}
