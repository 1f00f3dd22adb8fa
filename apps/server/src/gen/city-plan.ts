import type { Polygon } from "@linli/contracts";
import { rectangle } from "../platform/geo/polygon.js";
import { Random } from "./random.js";

/** Hengyang (衡阳市) at scale 1: the figures the generator aims at. */
export const hengyang = {
  cityCode: "4304",
  households: 2_300_000,
  grids: 15_000,
  casesOverThreeYears: 1_000_000,
  /** The city's extent the communities are laid out over (WGS84). */
  west: 111.6,
  south: 26.1,
  east: 113.2,
  north: 27.5,
} as const;

/** A community or village as the source lists it (12-digit code, name). */
export interface CommunitySource {
  code: string;
  name: string;
}

/** One community of the generated city: its size and its cell on the map. */
export interface CommunityPlan {
  code: string;
  name: string;
  /** Its place among all of the city's communities (code order), which fixes its cell. */
  ordinal: number;
  village: boolean;
  households: number;
  compounds: number;
  grids: number;
  cases: number;
  /** The community's square on the map, [west, south, east, north]. */
  cell: [number, number, number, number];
}

export interface CityPlan {
  scale: number;
  communities: CommunityPlan[];
  households: number;
  grids: number;
  cases: number;
}

/**
 * The city at a scale: at scale 1 every community and village; below it an even spread of them
 * (every k-th in code order, so every county keeps its share), each at full size, so a community
 * looks the same at any scale and only their number changes. Sizes: urban communities (社区) hold
 * three times a village's households, each ±40 %, normalised so the whole city holds 2.3 M.
 */
export function planCity(sources: readonly CommunitySource[], scale: number): CityPlan {
  if (!(scale > 0 && scale <= 1)) throw new Error("scale must be in (0, 1]");
  const sorted = [...sources].sort((a, b) => (a.code < b.code ? -1 : 1));
  const weights = sorted.map((source) => {
    const random = Random.of(source.code, "size");
    return (isVillage(source.name) ? 1 : 3) * random.decimal(0.6, 1.4);
  });
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const columns = Math.ceil(Math.sqrt(sorted.length * ((hengyang.east - hengyang.west) / (hengyang.north - hengyang.south))));
  const rows = Math.ceil(sorted.length / columns);
  const width = (hengyang.east - hengyang.west) / columns;
  const height = (hengyang.north - hengyang.south) / rows;
  const wanted = Math.max(1, Math.round(sorted.length * scale));
  const chosen = new Set(Array.from({ length: wanted }, (_, index) => Math.floor((index * sorted.length) / wanted)));

  const communities: CommunityPlan[] = [];
  sorted.forEach((source, ordinal) => {
    if (!chosen.has(ordinal)) return;
    const households = Math.max(20, Math.round((hengyang.households * (weights[ordinal] ?? 0)) / totalWeight));
    const compounds = Math.max(1, Math.round(households / 120));
    const west = hengyang.west + (ordinal % columns) * width;
    const south = hengyang.south + Math.floor(ordinal / columns) * height;
    communities.push({
      code: source.code,
      name: source.name,
      ordinal,
      village: isVillage(source.name),
      households,
      compounds,
      grids: Math.min(compounds, Math.max(1, Math.round((households * hengyang.grids) / hengyang.households))),
      cases: Math.round((households * hengyang.casesOverThreeYears) / hengyang.households),
      cell: [west, south, west + width, south + height],
    });
  });
  const sum = (pick: (plan: CommunityPlan) => number) => communities.reduce((total, plan) => total + pick(plan), 0);
  return {
    scale,
    communities,
    households: sum((plan) => plan.households),
    grids: sum((plan) => plan.grids),
    cases: sum((plan) => plan.cases),
  };
}

const isVillage = (name: string) => name.endsWith("村委会") || name.endsWith("村民委员会");

/** A rectangle inside [west, south, east, north], inset by `margin` of its width and height on every side. */
export function inset(box: readonly [number, number, number, number], margin: number): [number, number, number, number] {
  const [west, south, east, north] = box;
  const dx = (east - west) * margin;
  const dy = (north - south) * margin;
  return [west + dx, south + dy, east - dx, north - dy];
}

export const polygonOf = (box: readonly [number, number, number, number]): Polygon => rectangle(box[0], box[1], box[2], box[3]);

/**
 * The community's layout: its grids as vertical strips of its cell, and its compounds stacked in
 * the strip of the grid that covers them. Grids never overlap, each compound lies inside its grid,
 * each grid inside the community.
 */
export function layOut(plan: CommunityPlan): {
  boundary: Polygon;
  grids: { box: [number, number, number, number]; compounds: [number, number, number, number][] }[];
} {
  const area = inset(plan.cell, 0.02);
  const [west, south, east, north] = area;
  const strip = (east - west) / plan.grids;
  const grids = Array.from({ length: plan.grids }, (_, index) => {
    const box: [number, number, number, number] = [west + index * strip, south, west + (index + 1) * strip, north];
    // Compounds dealt round-robin: grid i covers compounds i, i + grids, …
    const count = Math.floor((plan.compounds - index - 1) / plan.grids) + 1;
    const slot = (north - south) / count;
    const compounds = Array.from({ length: count }, (_, k) =>
      inset([box[0], south + k * slot, box[2], south + (k + 1) * slot] as const, 0.08),
    );
    return { box, compounds };
  });
  return { boundary: polygonOf(plan.cell), grids };
}
