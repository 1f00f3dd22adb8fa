import type { AddRoutePoints, FinishPatrol, Patrol, PatrolList, ReportHazard, StartPatrol } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export const usePatrols = (view: "mine" | "scope") =>
  useQuery({ queryKey: ["patrols", view], queryFn: () => api<PatrolList>(`/api/patrols?view=${view}`) });

export const usePatrol = (id: string | undefined) =>
  useQuery({ queryKey: ["patrol", id], enabled: Boolean(id), queryFn: () => api<Patrol>(`/api/patrols/${id}`) });

function usePatrolMutation<Input>(call: (input: Input) => Promise<Patrol>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (patrol) => {
      queryClient.setQueryData(["patrol", patrol.id], patrol);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["patrols"] }),
        queryClient.invalidateQueries({ queryKey: ["cases"] }),
      ]);
    },
  });
}

export const useStartPatrol = () =>
  usePatrolMutation((body: StartPatrol) => api<Patrol>("/api/patrols", { method: "POST", body }));
export const useAddPoints = (id: string) =>
  usePatrolMutation((body: AddRoutePoints) => api<Patrol>(`/api/patrols/${id}/points`, { method: "POST", body }));
export const useReportHazard = (id: string) =>
  usePatrolMutation((body: ReportHazard) => api<Patrol>(`/api/patrols/${id}/hazards`, { method: "POST", body }));
export const useFinishPatrol = (id: string) =>
  usePatrolMutation((body: FinishPatrol) => api<Patrol>(`/api/patrols/${id}/finish`, { method: "POST", body }));
