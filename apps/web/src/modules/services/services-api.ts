import type { MoveServiceRequest, ServiceRequest, ServiceRequestList } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export const useServiceRequests = (status: string | undefined) =>
  useQuery({
    queryKey: ["service-requests", status ?? "all"],
    queryFn: () => api<ServiceRequestList>(`/api/service-requests${status ? `?status=${status}` : ""}`),
  });

export const useMoveServiceRequest = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: MoveServiceRequest & { id: string }) =>
      api<ServiceRequest>(`/api/service-requests/${id}/moves`, { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["service-requests"] }),
  });
};
