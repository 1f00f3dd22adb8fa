import type { UserPage, UserSummary } from "@linli/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Input, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";

/** Accounts, searched by prefix and loaded a cursor page at a time. */
export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
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
  return (
    <Card
      title={t("users.title")}
      extra={<Input.Search allowClear placeholder={t("users.search")} onSearch={setQ} style={{ width: 280 }} />}
    >
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} style={{ marginBottom: 16 }} />}
      <Table<UserSummary>
        rowKey="id"
        loading={query.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t("users.username"), dataIndex: "username" },
          { title: t("users.displayName"), dataIndex: "displayName" },
          {
            title: t("users.roles"),
            dataIndex: "roles",
            render: (roles: UserSummary["roles"]) => roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
          },
          {
            title: t("users.status"),
            dataIndex: "disabled",
            render: (disabled: boolean) =>
              disabled ? <Tag color="red">{t("users.disabled")}</Tag> : <Tag color="green">{t("users.active")}</Tag>,
          },
          { title: t("users.createdAt"), dataIndex: "createdAt", render: formatDateTime },
        ]}
      />
      {query.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t("users.more")}
        </Button>
      )}
    </Card>
  );
}
