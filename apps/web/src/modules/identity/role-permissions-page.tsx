import { type Permission, permissions, type Role, type RolePermissionTable } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Card, Checkbox, Table, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";

/** Roles × permissions; each tick saves that role at once. Security administrators only. */
export function RolePermissionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const table = useQuery({ queryKey: ["role-permissions"], queryFn: () => api<RolePermissionTable>("/api/role-permissions") });
  const save = useMutation({
    mutationFn: ({ role, granted }: { role: Role; granted: Permission[] }) =>
      api<RolePermissionTable>(`/api/role-permissions/${role}`, { method: "PUT", body: { permissions: granted } }),
    onSuccess: (updated, { role }) => {
      client.setQueryData(["role-permissions"], updated);
      void message.success(t("permissions.saved", { role: t(`roles.${role}`) }));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const isLocked = (role: Role, permission: Permission) =>
    table.data?.locked.some((grant) => grant.role === role && grant.permission === permission) ?? false;
  const nameOf = (permission: Permission) => t(`permissions.names.${permission.replaceAll(".", "_")}`);

  return (
    <Card title={t("permissions.title")}>
      <Typography.Paragraph type="secondary">{t("permissions.hint")}</Typography.Paragraph>
      {table.isError && <Alert type="error" showIcon title={errorMessage(table.error)} />}
      <Table
        rowKey="role"
        loading={table.isLoading}
        dataSource={table.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t("permissions.role"), dataIndex: "role", render: (role: Role) => t(`roles.${role}`), fixed: "left" },
          ...permissions.map((permission) => ({
            title: nameOf(permission),
            key: permission,
            align: "center" as const,
            render: (_: unknown, item: RolePermissionTable["items"][number]) => {
              const locked = isLocked(item.role, permission);
              const box = (
                <Checkbox
                  aria-label={`${t(`roles.${item.role}`)} · ${nameOf(permission)}`}
                  checked={item.permissions.includes(permission)}
                  disabled={locked || save.isPending}
                  onChange={(event) =>
                    save.mutate({
                      role: item.role,
                      granted: event.target.checked
                        ? [...item.permissions, permission]
                        : item.permissions.filter((p) => p !== permission),
                    })
                  }
                />
              );
              return locked ? <Tooltip title={t("permissions.locked")}>{box}</Tooltip> : box;
            },
          })),
        ]}
      />
    </Card>
  );
}
