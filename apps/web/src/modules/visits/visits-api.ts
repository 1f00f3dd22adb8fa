import type {
  CreateVisitRule,
  PlanVisits,
  RecordVisit,
  UpdateVisitRule,
  Visit,
  VisitCoverage,
  VisitPlan,
  VisitRule,
  VisitTask,
} from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export type TaskView = "mine" | "grid";

/** Today's round: my tasks (or my grids'), overdue ones included; optionally only those of a status. */
export const useVisitTasks = (view: TaskView, status?: VisitTask["status"]) =>
  useQuery({
    queryKey: ["visit-tasks", view, status ?? "all"],
    queryFn: () => api<{ items: VisitTask[] }>(`/api/visit-tasks?view=${view}${status ? `&status=${status}` : ""}`),
  });

export const useCoverage = (regionCode: string | undefined) =>
  useQuery({
    queryKey: ["visit-coverage", regionCode],
    enabled: Boolean(regionCode),
    queryFn: () => api<VisitCoverage>(`/api/visit-coverage?regionCode=${regionCode}`),
  });

/** Records a visit; the tasks it did and the cases its needs became show at once. */
export function useRecordVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordVisit) => api<Visit>("/api/visits", { method: "POST", body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["visit-tasks"] }),
        queryClient.invalidateQueries({ queryKey: ["visit-coverage"] }),
        queryClient.invalidateQueries({ queryKey: ["cases"] }),
      ]),
  });
}

export const useVisitRules = (regionCode: string | undefined) =>
  useQuery({
    queryKey: ["visit-rules", regionCode],
    enabled: Boolean(regionCode),
    queryFn: () => api<{ items: VisitRule[] }>(`/api/visit-rules?regionCode=${regionCode}`),
  });

export function useSaveVisitRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { create: CreateVisitRule } | { id: string; update: UpdateVisitRule }) =>
      "create" in change
        ? api<VisitRule>("/api/visit-rules", { method: "POST", body: change.create })
        : api<VisitRule>(`/api/visit-rules/${change.id}`, { method: "PATCH", body: change.update }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["visit-rules"] }),
  });
}

/** Plans the community's visits for the periods containing today. */
export function usePlanVisits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanVisits) => api<VisitPlan>("/api/visit-plans", { method: "POST", body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["visit-tasks"] }),
        queryClient.invalidateQueries({ queryKey: ["visit-coverage"] }),
      ]),
  });
}
