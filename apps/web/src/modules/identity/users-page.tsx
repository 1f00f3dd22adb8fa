import {
  type CurrentUser,
  everywhere,
  type IssuedPassword,
  rolesGrantableBy,
  type UserPage,
  type UserSummary,
} from "@linli/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { useAccountMutations } from "./account-api";
import { CreateAccountDialog, IssuedPasswordDialog, RolesDialog, ScopeDialog } from "./account-dialogs";
import { ScopeTags } from "./scope-fields";

/** Accounts, searched by prefix and loaded a cursor page at a time; managed by those allowed to. */
export function UsersPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState("");
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [scoping, setScoping] = useState<UserSummary | null>(null);
  const { setEnabled, resetPassword, resetTwoFactor } = useAccountMutations();
  const canManage = user.permissions.includes("identity.users.manage");
  const grantable = rolesGrantableBy(user.roles);
  // A manager changes only accounts whose every role they could have granted (no peers, no superiors).
  const manages = (account: UserSummary) => account.id !== user.id && account.roles.every((role) => grantable.includes(role));
  const ownScopeDefault = user.scope.regions.includes(everywhere) ? { regions: [], grids: [] } : user.scope;
  const query = useInfiniteQuery({
    queryKey: ["users", q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50" });
      if (q) params.set("q", q);
      if (pageParam) params.set("cursor", pageParam);
      return api<UserPage>(`/api/users?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const failed = (error: unknown) => void message.error(errorMessage(error));

  const actions = (account: UserSummary) =>
    !manages(account) ? null : (
      <Space size="small" wrap>
        <Button size="small" onClick={() => setEditing(account)}>
          {t("users.editRoles")}
        </Button>
        <Button size="small" onClick={() => setScoping(account)}>
          {t("users.editScope")}
        </Button>
        {account.disabled ? (
          <Button size="small" onClick={() => setEnabled.mutate({ id: account.id, enabled: true }, { onError: failed })}>
            {t("users.enable")}
          </Button>
        ) : (
          <Popconfirm
            title={t("users.confirmDisable")}
            okText={t("users.disable")}
            cancelText={t("users.cancel")}
            onConfirm={() => setEnabled.mutateAsync({ id: account.id, enabled: false }).catch(failed)}
          >
            <Button size="small" danger>
              {t("users.disable")}
            </Button>
          </Popconfirm>
        )}
        <Popconfirm
          title={t("users.confirmReset")}
          okText={t("users.resetPassword")}
          cancelText={t("users.cancel")}
          onConfirm={() => resetPassword.mutateAsync(account.id).then(setIssued, failed)}
        >
          <Button size="small">{t("users.resetPassword")}</Button>
        </Popconfirm>
        {account.twoFactorEnabled && (
          <Popconfirm
            title={t("twoFactor.confirmReset")}
            okText={t("twoFactor.reset")}
            cancelText={t("users.cancel")}
            onConfirm={() => resetTwoFactor.mutateAsync(account.id).then(() => void message.success(t("users.saved")), failed)}
          >
            <Button size="small">{t("twoFactor.reset")}</Button>
          </Popconfirm>
        )}
      </Space>
    );

  return (
    <Card
      title={t("users.title")}
      extra={
        <Space>
          <Input.Search allowClear placeholder={t("users.search")} onSearch={setQ} style={{ width: 280 }} />
          {canManage && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t("users.create")}
            </Button>
          )}
        </Space>
      }
    >
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} style={{ marginBottom: 16 }} />}
      <Table<UserSummary>
        rowKey="id"
        loading={query.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t("users.username"), dataIndex: "username" },
          { title: t("users.displayName"), dataIndex: "displayName" },
          {
            title: t("users.roles"),
            dataIndex: "roles",
            render: (roles: UserSummary["roles"]) => roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
          },
          {
            title: t("scope.title"),
            key: "scope",
            render: (_: unknown, account: UserSummary) => <ScopeTags scope={account.scope} />,
          },
          {
            title: t("twoFactor.column"),
            dataIndex: "twoFactorEnabled",
            render: (on: boolean) => (on ? <Tag color="green">{t("twoFactor.on")}</Tag> : <Tag>{t("twoFactor.off")}</Tag>),
          },
          {
            title: t("users.status"),
            dataIndex: "disabled",
            render: (disabled: boolean) =>
              disabled ? <Tag color="red">{t("users.disabled")}</Tag> : <Tag color="green">{t("users.active")}</Tag>,
          },
          { title: t("users.createdAt"), dataIndex: "createdAt", render: (at: string) => formatDateTime(at) },
          ...(canManage
            ? [{ title: t("users.actions"), key: "actions", render: (_: unknown, account: UserSummary) => actions(account) }]
            : []),
        ]}
      />
      {query.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t("users.more")}
        </Button>
      )}
      <CreateAccountDialog
        open={creating}
        grantable={grantable}
        defaultScope={ownScopeDefault}
        onClose={() => setCreating(false)}
        onIssued={(result) => {
          setCreating(false);
          setIssued(result);
        }}
      />
      <RolesDialog account={editing} grantable={grantable} onClose={() => setEditing(null)} />
      <ScopeDialog account={scoping} onClose={() => setScoping(null)} />
      <IssuedPasswordDialog issued={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}
