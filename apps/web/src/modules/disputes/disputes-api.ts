import type { AddDisputeSession, CloseDispute, CreateDispute, Dispute, DisputeList, DisputeStats } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export const useDisputes = (status: string | undefined) =>
  useQuery({
    queryKey: ["disputes", status ?? "all"],
    queryFn: () => api<DisputeList>(`/api/disputes${status ? `?status=${status}` : ""}`),
  });

export const useDispute = (id: string) =>
  useQuery({ queryKey: ["dispute", id], queryFn: () => api<Dispute>(`/api/disputes/${id}`) });

export const useDisputeStats = (regionCode: string | undefined, from: string, to: string) =>
  useQuery({
    queryKey: ["dispute-stats", regionCode, from, to],
    enabled: Boolean(regionCode),
    queryFn: () => api<DisputeStats>(`/api/disputes/stats?regionCode=${regionCode}&from=${from}&to=${to}`),
  });

/** Every change to a dispute refreshes the register, the dispute and the figures. */
function useDisputeMutation<Input>(call: (input: Input) => Promise<Dispute>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () =>
      Promise.all(["disputes", "dispute", "dispute-stats"].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}

export const useCreateDispute = () =>
  useDisputeMutation((body: CreateDispute) => api<Dispute>("/api/disputes", { method: "POST", body }));

export const useAddSession = (id: string) =>
  useDisputeMutation((body: AddDisputeSession) => api<Dispute>(`/api/disputes/${id}/sessions`, { method: "POST", body }));

export const useCloseDispute = (id: string) =>
  useDisputeMutation((body: CloseDispute) => api<Dispute>(`/api/disputes/${id}/close`, { method: "POST", body }));
