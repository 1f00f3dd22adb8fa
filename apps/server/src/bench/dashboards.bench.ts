import { sql } from "drizzle-orm";
import { rowsOf } from "../db/migrate.js";
import { hengyang } from "../gen/city-plan.js";
import { InsightRepository } from "../modules/insights/insight.repository.js";
import type { CityBench } from "./city.bench.js";
import { benchActor, compare, type Figure, time } from "./measure.js";

const cityActor = benchActor("00000000-0000-7000-8000-000000000002", [hengyang.cityCode]);

/**
 * The overview at the city and at its largest community, as a city administrator opens it (the
 * service: rollups, the places below, names, sections), against the naive GROUP BY of the same
 * figures over the counted tables. First the rollups are built from nothing, as after migrating a
 * database that already holds a city; that build is reported too.
 */
export async function benchCityDashboards(city: CityBench, reads = 20): Promise<Figure[]> {
  const insights = city.services.insights;
  let recomputed = 0;
  const buildMs = await time(async () => {
    for (;;) {
      const done = await insights.refresh({ maxBatches: 1_000 });
      recomputed += done;
      if (done === 0) break;
    }
  });
  const repository = new InsightRepository(city.handle.db);
  const [largest] = rowsOf<{ code: string; n: number }>(
    await city.handle.db.execute(
      sql`select region_code as code, count(*)::int as n from residents group by region_code order by count(*) desc limit 1`,
    ),
  );
  const community = largest?.code ?? "";

  const figures: Figure[] = [];
  let naiveCityMs = 0;
  for (const [label, area] of [
    ["the city", hengyang.cityCode],
    [`its largest community (${(largest?.n ?? 0).toLocaleString("en")} residents)`, community],
  ] as const) {
    let residents = -1;
    let naiveResidents = -2;
    const result = await compare(
      3,
      async () => {
        for (let read = 0; read < reads; read += 1)
          residents = (await insights.overview(cityActor, { area })).people?.residents ?? -1;
      },
      async () => {
        const rows = await repository.naiveAreaMetrics(area);
        naiveResidents = rows.find((row) => row.metric === "residents" && row.period === "")?.value ?? 0;
      },
    );
    const readMs = result.subjectMs / reads;
    if (area === hengyang.cityCode) naiveCityMs = result.baselineMs;
    figures.push({
      name: `overview of ${label}, ${city.label}`,
      measured: `${readMs.toFixed(1)} ms per page`,
      limit: `${(result.baselineMs / 1000).toFixed(2)} s, the naive GROUP BY of the same figures over the tables`,
      ratio: readMs / result.baselineMs,
      goal: "≤ 0.01 × the naive query",
      met: readMs / result.baselineMs <= 0.01,
      note:
        residents === naiveResidents ? undefined : "the overview and the naive query disagree: the rollups are stale or wrong",
    });
  }
  figures.push({
    name: `overview rollups built from nothing, ${city.label}: ${recomputed.toLocaleString("en")} region codes`,
    measured: `${(buildMs / 1000).toFixed(1)} s`,
    limit: `${(naiveCityMs / 1000).toFixed(2)} s, one naive GROUP BY of the city`,
    ratio: buildMs / naiveCityMs,
    goal: "reported (once, after migrating a database that holds data)",
    met: true,
  });
  return figures;
}
