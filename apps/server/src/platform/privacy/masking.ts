/**
 * How sensitive values leave the server unless a reveal was granted: an ID number keeps its region
 * (first six) and its last four, never its birth date; a mobile number keeps three and four
 * digits, `138****1234`. Anything that is not the expected shape is hidden whole.
 */
export function maskIdNumber(value: string): string {
  return /^\d{17}[\dX]$/.test(value) ? `${value.slice(0, 6)}********${value.slice(14)}` : "*".repeat(Math.min(value.length, 18));
}

export function maskMobile(value: string): string {
  return /^1\d{10}$/.test(value) ? `${value.slice(0, 3)}****${value.slice(7)}` : "*".repeat(Math.min(value.length, 11));
}
