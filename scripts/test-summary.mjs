// Adds up Vitest JSON reports into the one line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

/** Totals over the given Vitest JSON report files; a missing report counts as one failure. */
export function summarise(files) {
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    if (!existsSync(file)) {
      failed += 1;
      continue;
    }
    const report = JSON.parse(readFileSync(file, "utf8"));
    passed += report.numPassedTests;
    // A run that failed without a failed test (a suite that did not load, an unhandled error)
    // must still count against the total.
    failed += report.numFailedTests + (!report.success && report.numFailedTests === 0 ? 1 : 0);
  }
  return { passed, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // EXTRA_FAILED: steps that are not test runs but failed (e.g. the linter), one each.
  const { passed, failed: testsFailed } = summarise(process.argv.slice(2));
  const failed = testsFailed + Number(process.env.EXTRA_FAILED ?? 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
