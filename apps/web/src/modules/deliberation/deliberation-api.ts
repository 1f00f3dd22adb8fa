import type {
  AddElectionVoters,
  AddResolutionAction,
  CastBallot,
  CloseElection,
  CloseMotion,
  CompleteAction,
  CompoundPage,
  CreateElection,
  CreateMeeting,
  CreateMotion,
  Election,
  ElectionBallot,
  ElectionList,
  ElectionRoll,
  Meeting,
  MeetingFile,
  MeetingList,
  MeetingMinutes,
  Motion,
  OpenElection,
  OpenMotion,
  OwnerRoll,
  RecordAttendance,
  Resolution,
  ResolutionList,
} from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

const post = <T>(path: string, body?: unknown) => api<T>(path, { method: "POST", body });

export const useCompoundsOf = (communityCode: string | undefined) =>
  useQuery({
    queryKey: ["compounds", communityCode],
    enabled: Boolean(communityCode),
    queryFn: () => api<CompoundPage>(`/api/compounds?region=${communityCode}&limit=200`),
  });

export const useMeetings = () => useQuery({ queryKey: ["meetings"], queryFn: () => api<MeetingList>("/api/meetings") });

export const useMeeting = (id: string) =>
  useQuery({ queryKey: ["meeting", id], queryFn: () => api<Meeting>(`/api/meetings/${id}`), refetchInterval: 15_000 });

export const useOwnerRoll = (compoundId: string | null) =>
  useQuery({
    queryKey: ["owner-roll", compoundId],
    enabled: Boolean(compoundId),
    queryFn: () => api<OwnerRoll>(`/api/compounds/${compoundId}/owner-roll`),
  });

export const useResolutions = (status: string | undefined) =>
  useQuery({
    queryKey: ["resolutions", status ?? "all"],
    queryFn: () => api<ResolutionList>(`/api/resolutions${status ? `?status=${status}` : ""}`),
  });

export const useElections = () => useQuery({ queryKey: ["elections"], queryFn: () => api<ElectionList>("/api/elections") });

export const useElection = (id: string) =>
  useQuery({ queryKey: ["election", id], queryFn: () => api<Election>(`/api/elections/${id}`), refetchInterval: 15_000 });

export const useElectionRoll = (id: string, enabled: boolean) =>
  useQuery({ queryKey: ["election-roll", id], enabled, queryFn: () => api<ElectionRoll>(`/api/elections/${id}/roll`) });

/** Every change refreshes the deliberation lists and pages. */
function useDeliberationMutation<Input, Output>(call: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () =>
      Promise.all(
        ["meetings", "meeting", "resolutions", "elections", "election", "election-roll", "owner-roll"].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}

export const useSetOwners = (dwellingId: string) =>
  useDeliberationMutation((residentIds: string[]) =>
    api<void>(`/api/dwellings/${dwellingId}/owners`, { method: "PUT", body: { residentIds } }),
  );

export const useCreateMeeting = () => useDeliberationMutation((body: CreateMeeting) => post<Meeting>("/api/meetings", body));

export const useMeetingStep = (id: string) =>
  useDeliberationMutation(({ step, version }: { step: "notice" | "cancel"; version: number }) =>
    post<Meeting>(`/api/meetings/${id}/${step}`, { version }),
  );

export const useMinutes = (id: string) =>
  useDeliberationMutation((body: MeetingMinutes) => api<Meeting>(`/api/meetings/${id}/minutes`, { method: "PUT", body }));

export const useAttendance = (id: string) =>
  useDeliberationMutation((body: RecordAttendance) => post<Meeting>(`/api/meetings/${id}/attendance`, body));

export const useSignIn = (id: string) =>
  useDeliberationMutation((code: string) => post<void>(`/api/meetings/${id}/sign-in`, { code }));

export const useCreateMotion = (meetingId: string) =>
  useDeliberationMutation((body: CreateMotion) => post<Motion>(`/api/meetings/${meetingId}/motions`, body));

export const useOpenMotion = (id: string) =>
  useDeliberationMutation((body: OpenMotion) => post<Motion>(`/api/motions/${id}/open`, body));

export const useCloseMotion = (id: string) =>
  useDeliberationMutation((body: CloseMotion) => post<Motion>(`/api/motions/${id}/close`, body));

export const useCastBallot = (id: string) =>
  useDeliberationMutation((body: CastBallot) => post(`/api/motions/${id}/ballots`, body));

export const useAddAction = (resolutionId: string) =>
  useDeliberationMutation((body: AddResolutionAction) => post<Resolution>(`/api/resolutions/${resolutionId}/actions`, body));

export const useActionProgress = () =>
  useDeliberationMutation(({ id, note }: { id: string; note: string }) =>
    post<Resolution>(`/api/resolution-actions/${id}/progress`, { note }),
  );

export const useCompleteAction = () =>
  useDeliberationMutation(({ id, ...body }: CompleteAction & { id: string }) =>
    post<Resolution>(`/api/resolution-actions/${id}/complete`, body),
  );

/** A photo or PDF for the minutes, sent as its bytes under its own type. */
export const useMeetingFile = (meetingId: string) =>
  useDeliberationMutation((file: File) =>
    api<MeetingFile>(`/api/meetings/${meetingId}/files?name=${encodeURIComponent(file.name)}`, { method: "POST", file }),
  );

/** A roll file (Excel or CSV with 编号 and 姓名); a refused file names each bad row. */
export const useImportRoll = (electionId: string) =>
  useDeliberationMutation((file: File) =>
    api<{ added: number; alreadyOnRoll: number; roll: number }>(`/api/elections/${electionId}/roll/import`, {
      method: "POST",
      file: new Blob([file], {
        type: file.name.toLowerCase().endsWith(".csv")
          ? "text/csv"
          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }),
    }),
  );

export const useCreateElection = () => useDeliberationMutation((body: CreateElection) => post<Election>("/api/elections", body));

export const useAddVoters = (id: string) =>
  useDeliberationMutation((body: Partial<AddElectionVoters>) =>
    post<{ added: number; alreadyOnRoll: number; roll: number }>(`/api/elections/${id}/roll`, body),
  );

export const useOpenElection = (id: string) =>
  useDeliberationMutation((body: OpenElection) => post<Election>(`/api/elections/${id}/open`, body));

export const useCloseElection = (id: string) =>
  useDeliberationMutation((body: CloseElection) => post<Election>(`/api/elections/${id}/close`, body));

export const useIssuePaperBallot = (id: string) =>
  useDeliberationMutation((voterId: string) => post<void>(`/api/elections/${id}/roll/${voterId}/paper-ballot`));

export const useElectionBallot = (id: string) =>
  useDeliberationMutation((body: ElectionBallot) => post<void>(`/api/elections/${id}/ballots`, body));
