import type { AuditChainReport, AuditEvent, AuditEventPage } from "@linli/contracts";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";

const knownActions = [
  "identity.sign_in",
  "identity.sign_out",
  "identity.user_created",
  "identity.user_disabled",
  "identity.user_enabled",
  "identity.roles_changed",
  "identity.password_reset",
  "identity.password_changed",
];

function ChainState() {
  const { t } = useTranslation();
  const chain = useQuery({ queryKey: ["audit", "chain"], queryFn: () => api<AuditChainReport>("/api/audit/chain") });
  if (chain.isError) return <Alert type="error" showIcon title={errorMessage(chain.error)} />;
  const report = chain.data;
  if (!report) return null;
  if (report.firstBroken) {
    const problem = t(report.firstBroken.problem === "content_hash" ? "audit.contentHash" : "audit.chainLink");
    return (
      <Alert
        type="error"
        showIcon
        data-testid="chain-state"
        title={t("audit.broken", { seq: report.firstBroken.chainSeq, problem })}
      />
    );
  }
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Alert
        type="success"
        showIcon
        data-testid="chain-state"
        title={t("audit.intact", { sealed: report.sealed, unsealed: report.unsealed })}
      />
      {report.alarm && <Alert type="warning" showIcon title={t("audit.alarm", { seconds: report.oldestUnsealedSeconds })} />}
    </Space>
  );
}

/** The audit trail with filters and the hash chain's state; audit administrators only. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<{ actor?: string; action?: string; result?: string }>({});
  // Actions are dotted ("identity.sign_in"); i18next reads dots as nesting, so keys use "_".
  const label = (group: "actions" | "results", value: string) => {
    const key = `audit.${group}.${value.replaceAll(".", "_")}`;
    return i18n.exists(key) ? t(key) : value;
  };
  const query = useInfiniteQuery({
    queryKey: ["audit", "events", filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50" });
      for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
      if (pageParam) params.set("cursor", pageParam);
      return api<AuditEventPage>(`/api/audit/events?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card title={t("audit.title")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <ChainState />
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t("audit.filterActor")}
            style={{ width: 240 }}
            onSearch={(actor) => setFilter((f) => ({ ...f, actor }))}
          />
          <Select
            allowClear
            placeholder={t("audit.filterAction")}
            style={{ width: 180 }}
            options={knownActions.map((value) => ({ value, label: label("actions", value) }))}
            onChange={(action?: string) => setFilter((f) => ({ ...f, action }))}
          />
          <Select
            allowClear
            placeholder={t("audit.filterResult")}
            style={{ width: 200 }}
            options={["success", "invalid_credentials", "account_locked"].map((value) => ({
              value,
              label: label("results", value),
            }))}
            onChange={(result?: string) => setFilter((f) => ({ ...f, result }))}
          />
        </Space>
        {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} />}
        <Table<AuditEvent>
          rowKey="id"
          loading={query.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t("audit.time"), dataIndex: "occurredAt", render: (at: string) => formatDateTime(at, "second") },
            { title: t("audit.actor"), dataIndex: "actorUsername" },
            { title: t("audit.action"), dataIndex: "action", render: (action: string) => label("actions", action) },
            {
              title: t("audit.result"),
              dataIndex: "result",
              render: (result: string) => <Tag color={result === "success" ? "green" : "red"}>{label("results", result)}</Tag>,
            },
            { title: t("audit.ip"), dataIndex: "ip" },
            {
              title: t("audit.entity"),
              dataIndex: "entityId",
              render: (id: string | null, row) => (id ? `${row.entityType}:${id.slice(0, 8)}…` : ""),
            },
            {
              title: t("audit.sealed"),
              dataIndex: "chainSeq",
              render: (seq: number | null) => seq ?? <Tag>{t("audit.unsealed")}</Tag>,
            },
          ]}
        />
        {query.hasNextPage && (
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t("audit.more")}
          </Button>
        )}
      </Space>
    </Card>
  );
}
