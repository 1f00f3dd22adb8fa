import type {
  CompoundPage,
  CreateResidentRequest,
  DwellingChoiceList,
  Household,
  RegionDetail,
  Resident,
  ResidentDetail,
  ResidentPage,
  Submission,
} from "@linli/contracts";
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

/** The filters of the residents list, as the URL query sends them. */
export interface ResidentFilters {
  q?: string;
  tag?: string;
  livingStatus?: string;
  address?: string;
  dwellingId?: string;
}

export function filtersQuery(filters: ResidentFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params;
}

export function useResidents(filters: ResidentFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: ["residents", filters],
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = filtersQuery(filters);
      params.set("limit", "50");
      if (pageParam) params.set("cursor", pageParam);
      return api<ResidentPage>(`/api/residents?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useResident = (id: string | null) =>
  useQuery({ queryKey: ["resident", id], enabled: id !== null, queryFn: () => api<ResidentDetail>(`/api/residents/${id}`) });

export const useHousehold = (id: string | null) =>
  useQuery({ queryKey: ["household", id], enabled: id !== null, queryFn: () => api<Household>(`/api/households/${id}`) });

/** The compounds of the caller's scope. */
export const useCompounds = () =>
  useQuery({ queryKey: ["compounds", "all"], queryFn: () => api<CompoundPage>("/api/compounds?limit=200") });

/** The dwellings the caller may register people in: a grid member's grid, a leader's area. */
export const useDwellingChoices = () =>
  useQuery({ queryKey: ["dwelling-choices"], queryFn: () => api<DwellingChoiceList>("/api/collection/dwellings") });

/** Registering goes straight in for people.manage; a collector's goes to the grid leader. */
export function useRegisterResident(direct: boolean) {
  const queryClient = useQueryClient();
  return useMutation<Resident | Submission, Error, CreateResidentRequest>({
    mutationFn: (input) =>
      direct
        ? api<Resident>("/api/residents", { method: "POST", body: input })
        : api<Submission>("/api/collection/submissions", { method: "POST", body: { kind: "register", resident: input } }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** The communities the caller's compounds lie in, with their names, for choosing where to import. */
export function useCommunities() {
  const compounds = useCompounds();
  const codes = [...new Set(compounds.data?.items.map((compound) => compound.regionCode) ?? [])].sort();
  return useQueries({
    queries: codes.map((code) => ({ queryKey: ["region", code], queryFn: () => api<RegionDetail>(`/api/regions/${code}`) })),
    combine: (results) => results.flatMap((result) => (result.data ? [{ code: result.data.code, name: result.data.name }] : [])),
  });
}
