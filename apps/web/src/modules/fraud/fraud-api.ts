import type {
  CreateFraudCampaign,
  FraudCampaign,
  FraudImportReport,
  FraudProgress,
  FraudWarning,
  FraudYear,
  PutFraudYear,
  RecordFraudOutcome,
} from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export const useCampaigns = () =>
  useQuery({ queryKey: ["fraud-campaigns"], queryFn: () => api<{ items: FraudCampaign[] }>("/api/fraud-campaigns") });

export const useProgress = (id: string) =>
  useQuery({ queryKey: ["fraud-progress", id], queryFn: () => api<FraudProgress>(`/api/fraud-campaigns/${id}/progress`) });

/** The grid member's own warnings to deliver, or a campaign's within the reader's scope. */
export const useWarnings = (campaignId?: string) =>
  useQuery({
    queryKey: ["fraud-warnings", campaignId ?? "mine"],
    queryFn: () =>
      api<{ items: FraudWarning[] }>(
        campaignId ? `/api/fraud-warnings?view=campaign&campaignId=${campaignId}` : "/api/fraud-warnings?view=mine",
      ),
  });

export const useFraudYears = (regionCode: string | undefined) =>
  useQuery({
    queryKey: ["fraud-years", regionCode],
    enabled: Boolean(regionCode),
    queryFn: () => api<{ items: FraudYear[] }>(`/api/fraud-years?regionCode=${regionCode}`),
  });

function useInvalidateFraud() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ["fraud-campaigns", "fraud-progress", "fraud-warnings"].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
    );
}

export function useCreateCampaign() {
  const invalidate = useInvalidateFraud();
  return useMutation({
    mutationFn: (body: CreateFraudCampaign) => api<FraudCampaign>("/api/fraud-campaigns", { method: "POST", body }),
    onSuccess: invalidate,
  });
}

/** Sends the list as it is (xlsx or csv); a refused list comes back as an ApiError naming each row. */
export function useImportList(campaignId: string) {
  const invalidate = useInvalidateFraud();
  return useMutation({
    mutationFn: ({ file, mode, dryRun }: { file: File; mode: string; dryRun: boolean }) =>
      api<FraudImportReport>(`/api/fraud-campaigns/${campaignId}/list?mode=${mode}&dryRun=${dryRun}`, {
        method: "POST",
        file: new Blob([file], {
          type: file.name.toLowerCase().endsWith(".csv")
            ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }),
      }),
    onSuccess: (report) => (report.dryRun ? undefined : invalidate()),
  });
}

export function useRecordOutcome() {
  const invalidate = useInvalidateFraud();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RecordFraudOutcome }) =>
      api<FraudWarning>(`/api/fraud-warnings/${id}/outcome`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function usePutYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ regionCode, year, body }: { regionCode: string; year: number; body: PutFraudYear }) =>
      api<FraudYear>(`/api/fraud-years/${regionCode}/${year}`, { method: "PUT", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["fraud-years"] }),
  });
}
