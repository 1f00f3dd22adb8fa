import type { Protected, SensitiveField } from "../modules/people/sensitive-fields.js";
import { type CityPlan, type CommunitySource, planCity } from "./city-plan.js";
import { cityTables, emptyCityRows } from "./city-tables.js";
import { type ActivityContext, type CategoryFacts, generateActivity } from "./community-activity.js";
import { generatePeople } from "./community-people.js";
import { generatePlaces } from "./community-places.js";
import type { CopyTarget } from "./copy-target.js";
import { Random } from "./random.js";

export interface GenerateOptions {
  scale: number;
  /** The communities and villages of the city (12-digit codes) as the division source lists them. */
  communities: readonly CommunitySource[];
  /** Township and street names by 9-digit code. */
  townships: ReadonlyMap<string, string>;
  protect: (field: SensitiveField, value: string) => Protected;
  trackingHash: (caseId: string) => string;
  passwordHash: string;
  /** The clock of a new run (a resumed run keeps its own). */
  now: Date;
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  done: number;
  total: number;
  skipped: number;
  residents: number;
  cases: number;
  elapsedMs: number;
}

export class GenerationRefused extends Error {}

/**
 * Loads the synthetic city into the target, one community per transaction (all its places,
 * people, cases and visits, and its row in `gen_city_done`). Stopped at any point, a run is
 * resumed by running it again: finished communities are skipped, their ID numbers replayed so
 * no number is given twice, and the run's clock and scale are kept from its start.
 */
export async function generateCity(
  target: CopyTarget,
  options: GenerateOptions,
): Promise<{ plan: CityPlan; residents: number; cases: number; skipped: number }> {
  const now = await startRun(target, options);
  const plan = planCity(options.communities, options.scale);
  const done = new Set(
    (await target.query<{ code: string }>("select community_code as code from gen_city_done")).map((row) => row.code),
  );
  const categories = (
    await target.query<{
      code: string;
      name: string;
      party: CategoryFacts["party"];
      department: string | null;
      limits: CategoryFacts["limits"];
      working_hours: boolean;
    }>(
      "select code, name, party, department, limits, working_hours from case_categories where parent_code is not null and party is not null and active order by code",
    )
  ).map((row) => ({ ...row, workingHours: row.working_hours }));
  const takenIds = new Set<number>();
  const started = Date.now();
  const progress: Progress = { done: 0, total: plan.communities.length, skipped: 0, residents: 0, cases: 0, elapsedMs: 0 };

  for (const community of plan.communities) {
    const random = (part: string) => Random.of(community.code, part);
    if (done.has(community.code)) {
      // Replays the draws that fix ID numbers, so the communities still to come get the same ones.
      const places = generatePlaces(community, { random: random("places"), now, passwordHash: "" }, emptyCityRows());
      generatePeople(places, { random: random("people"), now, protect: () => null, takenIds }, emptyCityRows());
      progress.skipped += 1;
    } else {
      const rows = emptyCityRows();
      const places = generatePlaces(community, { random: random("places"), now, passwordHash: options.passwordHash }, rows);
      const households = generatePeople(places, { random: random("people"), now, protect: options.protect, takenIds }, rows);
      await target.transaction(async (tx) => {
        const sequence = (
          await tx.query<{ n: string }>("select nextval('case_number_seq') as n from generate_series(1, $1)", [community.cases])
        ).map((row) => Number(row.n));
        const context: ActivityContext = {
          random: random("activity"),
          now,
          categories,
          townshipName: options.townships.get(community.code.slice(0, 9)) ?? "",
          caseSequence: sequence,
          trackingHash: options.trackingHash,
        };
        generateActivity(places, households, context, rows);
        for (const table of cityTables) await tx.copy(rows[table]);
        await tx.query("update regions set boundary = $2, updated_at = now() where code = $1", [
          community.code,
          JSON.stringify(places.boundary),
        ]);
        await tx.query("insert into gen_city_done (community_code) values ($1)", [community.code]);
      });
      progress.residents += rows.residents.rows.length;
      progress.cases += rows.cases.rows.length;
    }
    progress.done += 1;
    progress.elapsedMs = Date.now() - started;
    options.onProgress?.(progress);
  }
  await target.query("analyze");
  return { plan, residents: progress.residents, cases: progress.cases, skipped: progress.skipped };
}

/** Records a new run or checks that the database holds this one (same scale); answers the run's clock. */
async function startRun(target: CopyTarget, options: GenerateOptions): Promise<Date> {
  await target.query(
    "create table if not exists gen_city_run (scale double precision not null, started_at timestamptz not null)",
  );
  await target.query(
    "create table if not exists gen_city_done (community_code text primary key, done_at timestamptz not null default now())",
  );
  const [run] = await target.query<{ scale: number; started_at: Date | string }>("select scale, started_at from gen_city_run");
  if (run) {
    if (Number(run.scale) !== options.scale)
      throw new GenerationRefused(
        `this database holds a city generated at scale ${run.scale}; resume it with --scale ${run.scale} or use an empty database`,
      );
    return new Date(run.started_at);
  }
  const [people] = await target.query<{ count: string | number }>(
    "select count(*) as count from (select 1 from residents limit 1) r",
  );
  if (Number(people?.count) > 0)
    throw new GenerationRefused("this database already holds residents; generate the city into an empty database");
  await target.query("insert into gen_city_run (scale, started_at) values ($1, $2)", [options.scale, options.now.toISOString()]);
  return options.now;
}
