import type { Overview, OverviewChild, OverviewPlace, OverviewQuery } from "@linli/contracts";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import type { Actor } from "../../platform/auth/actor.js";
import { notFound } from "../../platform/errors/app-error.js";
import { coversEverywhere } from "../../platform/scope/scope.js";
import { ratio } from "../../platform/stats/rates.js";
import { localDate } from "../../platform/time/local-date.js";
import { type ChildMetricRow, InsightRepository } from "./insight.repository.js";
import { areaLengths, authorizeInsights, levelOfArea, seesArea, seesGrid, sightOf } from "./insights.policy.js";
import { calendarOf, Figures, monthOf, type OverviewCalendar, type OverviewSight, overviewSections } from "./overview-figures.js";

const childMetrics = [
  "residents",
  "households",
  "cases.open",
  "cases.overdue",
  "cases.reported",
  "visits.due",
  "visits.done",
  "disputes.open",
];

type Place = { level: "grid"; code: string } | { level: "area"; code: string };

/**
 * Insights (综合概览): the overview of an area or a grid from rollups that a refresher keeps up
 * to date as data changes, so a city's page costs what a community's does.
 */
export class InsightService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Recomputes the regions whose rows changed, `batchSize` region codes per transaction, until
   * none is left or `maxBatches` ran; returns how many were recomputed. One refresher runs at a
   * time (another instance calling meanwhile returns 0).
   */
  async refresh({ maxBatches = 100, batchSize = 50 } = {}): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const taken = await this.db.transaction(async (tx) => {
        const repository = new InsightRepository(tx);
        if (!(await repository.tryLock())) return null;
        const codes = await repository.takeChanged(batchSize);
        if (codes.length > 0) await repository.recompute(codes);
        // Every mark this transaction could see was taken: what committed before it began is counted.
        if (codes.length < batchSize) await repository.markRefreshed();
        return codes.length;
      });
      if (taken === null) break;
      total += taken;
      if (taken < batchSize) break;
    }
    return total;
  }

  async overview(actor: Actor, query: OverviewQuery): Promise<Overview> {
    authorizeInsights(actor);
    const repository = new InsightRepository(this.db);
    const place = await this.placeOf(actor, query, repository);
    const calendar = calendarOf(localDate(this.now()));
    const sight = sightOf(actor);
    const [rows, children, refreshedAt, path, roots] = await Promise.all([
      place.level === "grid" ? repository.gridMetrics(place.code) : repository.areaMetrics(place.code),
      this.children(repository, place, calendar, sight),
      repository.refreshedAt(),
      this.pathTo(actor, place, repository),
      this.rootsOf(actor, repository),
    ]);
    return {
      place: path.self,
      path: path.above,
      roots,
      asOf: refreshedAt?.toISOString() ?? null,
      today: calendar.today,
      ...overviewSections(rows, calendar, sight),
      children,
    };
  }

  /** The place asked for, if the account sees it; else the widest it sees (going down while there is one choice). */
  private async placeOf(actor: Actor, query: OverviewQuery, repository: InsightRepository): Promise<Place> {
    if (query.grid) {
      if (!seesGrid(actor, query.grid)) throw notFound();
      return { level: "grid", code: query.grid };
    }
    if (query.area !== undefined) {
      if (!seesArea(actor, query.area)) throw notFound();
      return { level: "area", code: query.area };
    }
    if (coversEverywhere(actor.scope)) {
      let area = "";
      for (;;) {
        const below = await repository.childAreas(area);
        if (below.length !== 1 || below[0] === undefined) return { level: "area", code: area };
        area = below[0];
      }
    }
    const [region] = actor.scope.regions;
    if (region !== undefined) return { level: "area", code: region };
    const [grid] = actor.scope.grids;
    if (grid !== undefined) return { level: "grid", code: grid };
    throw notFound();
  }

  /** The place itself with its name, and the wider places above it that the account sees. */
  private async pathTo(actor: Actor, place: Place, repository: InsightRepository) {
    const community = place.level === "grid" ? place.code.slice(0, 12) : place.code;
    const above = areaLengths
      .filter((length) => length <= community.length && (place.level === "grid" || length < community.length))
      .map((length) => community.slice(0, length))
      .filter((area) => seesArea(actor, area));
    const [regionNames, gridNames] = await Promise.all([
      repository.regionNames([...above, community]),
      place.level === "grid" ? repository.gridNames([place.code]) : Promise.resolve(new Map<string, string>()),
    ]);
    const areaPlace = (area: string): OverviewPlace => ({
      level: levelOfArea(area),
      code: area,
      name: regionNames.get(area) ?? area,
    });
    const self: OverviewPlace =
      place.level === "grid"
        ? { level: "grid", code: place.code, name: gridNames.get(place.code) ?? place.code }
        : areaPlace(place.code);
    return { self, above: above.map(areaPlace) };
  }

  /** The places the account's scope names, with their names, when there are several to choose from. */
  private async rootsOf(actor: Actor, repository: InsightRepository): Promise<OverviewPlace[]> {
    const { regions, grids } = actor.scope;
    if (coversEverywhere(actor.scope) || regions.length + grids.length < 2) return [];
    const [regionNames, gridNames] = await Promise.all([repository.regionNames(regions), repository.gridNames(grids)]);
    return [
      ...regions.map((area) => ({ level: levelOfArea(area), code: area, name: regionNames.get(area) ?? area })),
      ...grids.map((code) => ({ level: "grid" as const, code, name: gridNames.get(code) ?? code })),
    ];
  }

  private async children(repository: InsightRepository, place: Place, calendar: OverviewCalendar, sight: OverviewSight) {
    if (place.level === "grid") return [];
    const thisMonth = monthOf(calendar.year, calendar.month);
    const periods = sql`(period = '' or period = ${thisMonth}
      or (metric like 'visits.%' and period between ${calendar.quarterFrom} and ${calendar.quarterTo}))`;
    const community = place.code.length === 12;
    const rows = community
      ? await repository.childGridMetrics(place.code, childMetrics, periods)
      : await repository.childAreaMetrics(place.code, childMetrics, periods);
    const codes = [...new Set(rows.map((row) => row.code))].sort();
    const names = community ? await repository.gridNames(codes) : await repository.regionNames(codes);
    return codes.map((code) =>
      childOf(
        { level: community ? "grid" : levelOfArea(code), code, name: names.get(code) ?? code },
        rows.filter((row) => row.code === code),
        calendar,
        sight,
      ),
    );
  }
}

function childOf(place: OverviewPlace, rows: ChildMetricRow[], calendar: OverviewCalendar, sight: OverviewSight): OverviewChild {
  const figures = new Figures(rows);
  const visitsDue = figures.between("visits.due", calendar.quarterFrom, calendar.quarterTo);
  const visitsDone = figures.between("visits.done", calendar.quarterFrom, calendar.quarterTo);
  const thisMonth = monthOf(calendar.year, calendar.month);
  return {
    ...place,
    residents: sight.people ? figures.get("residents") : null,
    households: sight.people ? figures.get("households") : null,
    casesOpen: sight.cases ? figures.get("cases.open") : null,
    casesOverdue: sight.cases ? figures.get("cases.overdue") : null,
    casesReportedThisMonth: sight.cases ? figures.get("cases.reported", thisMonth) : null,
    visitsDue: sight.visits ? visitsDue : null,
    visitsDone: sight.visits ? visitsDone : null,
    visitCoverage: sight.visits ? ratio(visitsDone, visitsDue) : null,
    disputesOpen: sight.disputes ? figures.get("disputes.open") : null,
  };
}
