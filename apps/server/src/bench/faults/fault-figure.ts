/** One fault test's outcome, as `npm run bench:faults` prints it. */
export interface FaultFigure {
  name: string;
  figure: string;
  detail: string;
  goal: string;
  ok: boolean;
}
