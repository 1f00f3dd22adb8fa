import type {
  CaseDetail,
  CasePage,
  Category,
  CompoundChoiceList,
  DuplicateList,
  Evaluation,
  HandlerCandidates,
  NotificationList,
  ReportCaseRequest,
  ReportedCase,
  TrackedCase,
  TransitionRequest,
} from "@linli/contracts";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export type CaseView = "mine" | "grid" | "overdue" | "all";

export const useCategories = () =>
  useQuery({
    queryKey: ["case-categories"],
    staleTime: 10 * 60_000,
    queryFn: () => api<{ items: Category[] }>("/api/case-categories"),
  });

export function useCases(view: CaseView) {
  return useInfiniteQuery({
    queryKey: ["cases", view],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ view, limit: "50" });
      if (pageParam) params.set("cursor", pageParam);
      return api<CasePage>(`/api/cases?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useCase = (id: string | null) =>
  useQuery({ queryKey: ["case", id], enabled: id !== null, queryFn: () => api<CaseDetail>(`/api/cases/${id}`) });

export const useHandlerCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ["case-handlers", id],
    enabled,
    queryFn: () => api<HandlerCandidates>(`/api/cases/${id}/handler-candidates`),
  });

/** Open cases of one sub-category, to merge a duplicate into. */
export const useOpenCasesOf = (categoryCode: string, enabled: boolean) =>
  useQuery({
    queryKey: ["cases", "open", categoryCode],
    enabled,
    queryFn: () => api<CasePage>(`/api/cases?view=all&open=true&categoryCode=${encodeURIComponent(categoryCode)}&limit=100`),
  });

export function useTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionRequest) => api<CaseDetail>(`/api/cases/${id}/transitions`, { method: "POST", body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(["case", id], detail);
      return queryClient.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

/** Reports a case; the same key is sent again on a retry, so a lost answer never makes two cases. */
export function useReportCase(signedIn: boolean) {
  return useMutation({
    mutationFn: ({ body, key }: { body: ReportCaseRequest; key: string }) =>
      api<ReportedCase>(signedIn ? "/api/cases" : "/api/public/cases", {
        method: "POST",
        body,
        headers: { "idempotency-key": key },
      }),
  });
}

export const useDuplicates = (categoryCode: string | undefined, point: { longitude: number; latitude: number } | null) =>
  useQuery({
    queryKey: ["case-duplicates", categoryCode, point],
    enabled: Boolean(categoryCode && point),
    queryFn: () =>
      api<DuplicateList>(
        `/api/public/case-duplicates?categoryCode=${encodeURIComponent(categoryCode ?? "")}&lon=${point?.longitude}&lat=${point?.latitude}`,
      ),
  });

export const useCompoundSearch = (text: string) =>
  useQuery({
    queryKey: ["public-compounds", text],
    enabled: text.trim().length > 0,
    queryFn: () => api<CompoundChoiceList>(`/api/public/compounds?q=${encodeURIComponent(text.trim())}`),
  });

export const useTrackedCase = (code: string | null) =>
  useQuery({ queryKey: ["tracked", code], enabled: code !== null, queryFn: () => api<TrackedCase>(`/api/track/${code}`) });

export const useEvaluation = (query: { groupBy: string; from: string; to: string }) =>
  useQuery({
    queryKey: ["case-evaluation", query],
    queryFn: () => api<Evaluation>(`/api/cases/evaluation?${new URLSearchParams(query)}`),
  });

export const useNotifications = () =>
  useQuery({
    queryKey: ["notifications"],
    refetchInterval: 60_000,
    queryFn: () => api<NotificationList>("/api/notifications"),
  });
