import type { Overview } from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

/** The place an overview is asked for: an area (division-code prefix), a grid, or neither (the widest the account sees). */
export type OverviewTarget = { area?: string; grid?: string };

export const overviewSearch = (target: OverviewTarget) =>
  new URLSearchParams(Object.entries(target).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();

export const useOverview = (target: OverviewTarget) =>
  useQuery({
    queryKey: ["overview", target],
    queryFn: () => api<Overview>(`/api/insights/overview?${overviewSearch(target)}`),
    // The rollups take in new data every few seconds; a page left open follows them.
    refetchInterval: 60_000,
  });
