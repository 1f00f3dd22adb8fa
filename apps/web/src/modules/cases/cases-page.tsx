import type { CaseSummary, CurrentUser } from "@linli/contracts";
import { Alert, Button, Drawer, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { CaseDrawer } from "./case-drawer";
import { type CaseView, useCases } from "./cases-api";
import { ReportForm } from "./report-form";

function CaseTable({ view, onOpen }: { view: CaseView; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const cases = useCases(view);
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {cases.isError && <Alert type="error" showIcon title={errorMessage(cases.error)} />}
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        loading={cases.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: "pointer" } })}
        columns={[
          { title: t("cases.fields.number"), dataIndex: "number", width: 150 },
          {
            title: t("cases.fields.category"),
            render: (_, row) => (english ? row.categoryNameEn : row.categoryName),
            width: 120,
          },
          { title: t("cases.fields.description"), dataIndex: "description", ellipsis: true },
          {
            title: t("cases.fields.status"),
            width: 150,
            render: (_, row) => (
              <>
                <Tag color="blue">{t(`cases.statuses.${row.status}`)}</Tag>
                {row.overdue && <Tag color="red">{t("cases.overdue")}</Tag>}
                {row.pooled && <Tag color="orange">{t("cases.pooled")}</Tag>}
              </>
            ),
          },
          { title: t("cases.fields.party"), render: (_, row) => row.party?.name ?? "—", width: 160, ellipsis: true },
          { title: t("cases.fields.dueAt"), render: (_, row) => (row.dueAt ? formatDateTime(row.dueAt) : "—"), width: 140 },
          { title: t("cases.fields.reportedAt"), render: (_, row) => formatDateTime(row.reportedAt), width: 140 },
        ]}
      />
      {cases.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => void cases.fetchNextPage()} loading={cases.isFetchingNextPage}>
          {t("cases.more")}
        </Button>
      )}
    </>
  );
}

/**
 * 事件: inboxes by role — mine (to handle or that I reported), my grids', overdue (the 督办
 * board), everything in my area — with the case drawer and the report form.
 */
export function CasesPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const open = search.get("case");
  const [reporting, setReporting] = useState(false);
  const reads = user.permissions.includes("cases.read");
  const views: CaseView[] = reads ? ["mine", "grid", "overdue", "all"] : ["mine"];
  const openCase = (id: string | null) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set("case", id);
      else next.delete("case");
      return next;
    });
  return (
    <>
      <Tabs
        defaultActiveKey={user.permissions.includes("cases.dispatch") ? "grid" : "mine"}
        destroyOnHidden
        tabBarExtraContent={
          <>
            {user.permissions.includes("cases.read") && (
              <Button type="link" onClick={() => navigate("/cases/evaluation")}>
                {t("cases.evaluation.title")}
              </Button>
            )}
            {user.permissions.includes("cases.report") && (
              <Button type="primary" onClick={() => setReporting(true)}>
                {t("cases.report.title")}
              </Button>
            )}
          </>
        }
        items={views.map((view) => ({
          key: view,
          label: t(`cases.views.${view}`),
          children: <CaseTable view={view} onOpen={openCase} />,
        }))}
      />
      {open && <CaseDrawer id={open} onClose={() => openCase(null)} />}
      <Drawer open={reporting} onClose={() => setReporting(false)} title={t("cases.report.title")} width={420} destroyOnHidden>
        <ReportForm signedIn />
      </Drawer>
    </>
  );
}
