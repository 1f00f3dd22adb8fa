import type { ChangePasswordRequest, CreateUserRequest, IssuedPassword, Role, Scope, UserSummary } from "@linli/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

/** Mutations on accounts; each refreshes the account list. */
export function useAccountMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["users"] });
  return {
    create: useMutation({
      mutationFn: (body: CreateUserRequest) => api<IssuedPassword>("/api/users", { method: "POST", body }),
      onSuccess: refresh,
    }),
    setEnabled: useMutation({
      mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
        api<UserSummary>(`/api/users/${id}/${enabled ? "enable" : "disable"}`, { method: "POST" }),
      onSuccess: refresh,
    }),
    setRoles: useMutation({
      mutationFn: ({ id, roles }: { id: string; roles: Role[] }) =>
        api<UserSummary>(`/api/users/${id}/roles`, { method: "PUT", body: { roles } }),
      onSuccess: refresh,
    }),
    setScope: useMutation({
      mutationFn: ({ id, scope }: { id: string; scope: Scope }) =>
        api<UserSummary>(`/api/users/${id}/scope`, { method: "PUT", body: scope }),
      onSuccess: refresh,
    }),
    resetTwoFactor: useMutation({
      mutationFn: (id: string) => api<UserSummary>(`/api/users/${id}/two-factor/reset`, { method: "POST" }),
      onSuccess: refresh,
    }),
    resetPassword: useMutation({
      mutationFn: (id: string) => api<IssuedPassword>(`/api/users/${id}/reset-password`, { method: "POST" }),
      onSuccess: refresh,
    }),
  };
}

export function useChangeOwnPassword() {
  return useMutation({ mutationFn: (body: ChangePasswordRequest) => api<void>("/api/me/password", { method: "POST", body }) });
}
