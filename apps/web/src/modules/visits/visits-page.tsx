import type { ClientSettings, CurrentUser, VisitCoverage, VisitTask } from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Drawer, Empty, List, Select, Space, Table, Tabs, Tag } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { MyFraudWarnings } from "../fraud/my-warnings";
import { CommunityMap, type MapShape } from "../grids/community-map";
import { PatrolLog, PatrolTab } from "../patrols/patrol-tab";
import { VisitForm } from "./visit-form";
import { VisitRulesTab } from "./visit-rules-tab";
import { type TaskView, useCoverage, useVisitTasks } from "./visits-api";

const statusColours = { open: "blue", overdue: "red", done: "green" } as const;

function StatusTag({ task }: { task: VisitTask }) {
  const { t } = useTranslation();
  return <Tag color={statusColours[task.status]}>{t(`visits.statuses.${task.status}`)}</Tag>;
}

/** My round for today, as cards that fit a phone: where, which rule, with whom, by when. */
function MyRound({ onRecord }: { onRecord: (task: VisitTask) => void }) {
  const { t } = useTranslation();
  const tasks = useVisitTasks("mine");
  if (tasks.isError) return <Alert type="error" showIcon title={errorMessage(tasks.error)} />;
  return (
    <List<VisitTask>
      loading={tasks.isLoading}
      dataSource={tasks.data?.items ?? []}
      pagination={{ pageSize: 20, size: "small", hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t("visits.noTasks")} /> }}
      renderItem={(task) => (
        <List.Item>
          <Card
            size="small"
            style={{ width: "100%" }}
            data-testid="visit-task"
            title={task.address || task.ruleName}
            extra={<StatusTag task={task} />}
          >
            <div>{task.ruleName}</div>
            <div>{t("visits.due", { date: task.dueDate })}</div>
            {task.companions.length > 0 && (
              <div>
                {t("visits.with", { companions: task.companions.map((role) => t(`visits.companions.${role}`)).join("、") })}
              </div>
            )}
            {task.status !== "done" && (
              <Button type="primary" style={{ marginTop: 8 }} block onClick={() => onRecord(task)}>
                {t("visits.record")}
              </Button>
            )}
          </Card>
        </List.Item>
      )}
    />
  );
}

/** The grid leader's board: the tasks of my grids, overdue ones first by due date. */
function GridBoard({ view }: { view: TaskView }) {
  const { t } = useTranslation();
  // The households not reached yet (open and overdue tasks) are what the board is for; done ones on request.
  const [status, setStatus] = useState<VisitTask["status"] | undefined>(undefined);
  const tasks = useVisitTasks(view, status);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t("visits.fields.status")}
          value={status ?? "all"}
          style={{ width: 140 }}
          onChange={(value: VisitTask["status"] | "all") => setStatus(value === "all" ? undefined : value)}
          options={[
            { value: "all", label: t("visits.allStatuses") },
            ...(["open", "overdue", "done"] as const).map((value) => ({ value, label: t(`visits.statuses.${value}`) })),
          ]}
        />
        <Button href={`/api/visit-tasks/export?view=${view}${status ? `&status=${status}` : ""}`}>{t("visits.export")}</Button>
      </Space>
      {tasks.isError && <Alert type="error" showIcon title={errorMessage(tasks.error)} />}
      <Table<VisitTask>
        rowKey="id"
        size="small"
        loading={tasks.isLoading}
        dataSource={tasks.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 720 }}
        columns={[
          { title: t("visits.fields.address"), render: (_, task) => task.address || "—" },
          { title: t("visits.fields.rule"), dataIndex: "ruleName", width: 180 },
          { title: t("visits.fields.grid"), dataIndex: "gridCode", width: 160 },
          { title: t("visits.fields.dueDate"), dataIndex: "dueDate", width: 120 },
          { title: t("visits.fields.status"), render: (_, task) => <StatusTag task={task} />, width: 100 },
        ]}
      />
    </>
  );
}

/** Green where most households were reached this quarter, amber where some, red where few. */
const shareColour = (reached: number, households: number) => {
  const share = households === 0 ? 1 : reached / households;
  return share >= 0.8 ? "#389e0d" : share >= 0.4 ? "#d48806" : "#cf1322";
};

/** A compound's households not reached yet (none of their tasks done), from the grid board's tasks. */
function NotReached({ compound }: { compound: { compoundId: string; name: string } }) {
  const { t } = useTranslation();
  const tasks = useVisitTasks("grid");
  const households = useMemo(() => {
    const byHousehold = new Map<string, VisitTask[]>();
    for (const task of tasks.data?.items ?? [])
      if (task.compoundId === compound.compoundId)
        byHousehold.set(task.householdId, [...(byHousehold.get(task.householdId) ?? []), task]);
    return [...byHousehold.values()]
      .filter((group) => group.every((task) => task.status !== "done"))
      .map((group) => ({
        householdId: group[0]?.householdId ?? "",
        address: group[0]?.address ?? "",
        dueDate: group.map((task) => task.dueDate).sort()[0] ?? "",
        overdue: group.some((task) => task.status === "overdue"),
      }))
      .sort((a, b) => a.address.localeCompare(b.address, "zh-CN"));
  }, [tasks.data, compound.compoundId]);
  return (
    <Table
      size="small"
      rowKey="householdId"
      loading={tasks.isLoading}
      dataSource={households}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      title={() => t("visits.coverage.notReachedIn", { compound: compound.name, count: households.length })}
      data-testid="not-reached"
      columns={[
        { title: t("visits.fields.address"), dataIndex: "address" },
        { title: t("visits.fields.dueDate"), dataIndex: "dueDate", width: 120 },
        {
          title: t("visits.fields.status"),
          width: 100,
          render: (_, row) => (
            <Tag color={row.overdue ? "red" : "blue"}>{t(`visits.statuses.${row.overdue ? "overdue" : "open"}`)}</Tag>
          ),
        },
      ]}
    />
  );
}

/** The compounds on the map, coloured by the share of their households reached this quarter; a click lists those not reached. */
function CoverageMap({ coverage }: { coverage: VisitCoverage }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<{ compoundId: string; name: string } | null>(null);
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => api<ClientSettings>("/api/settings"), staleTime: Infinity });
  const shapes = useMemo<MapShape[]>(
    () =>
      coverage.compounds.flatMap((compound) =>
        compound.boundary
          ? [
              {
                key: compound.compoundId,
                label: `${compound.name} ${compound.reached}/${compound.households}`,
                kind: "compound" as const,
                polygon: compound.boundary,
                colour: shareColour(compound.reached, compound.households),
              },
            ]
          : [],
      ),
    [coverage],
  );
  if (shapes.length === 0) return null;
  const choose = (shape: MapShape) => {
    const compound = coverage.compounds.find((item) => item.compoundId === shape.key);
    if (compound) setChosen({ compoundId: compound.compoundId, name: compound.name });
  };
  return (
    <>
      <CommunityMap
        shapes={shapes}
        tileUrl={settings.data?.mapTileUrl ?? null}
        label={t("visits.coverage.map")}
        onSelect={choose}
      />
      <p>{t("visits.coverage.legend")}</p>
      {chosen && <NotReached compound={chosen} />}
    </>
  );
}

/** The community's coverage for the quarter: per grid, due, visited, not reached, overdue; and the map. */
function Coverage({ regionCode }: { regionCode: string | undefined }) {
  const { t } = useTranslation();
  const coverage = useCoverage(regionCode);
  return (
    <>
      {regionCode && (
        <Button href={`/api/visit-coverage/export?regionCode=${regionCode}`} style={{ marginBottom: 12 }}>
          {t("visits.export")}
        </Button>
      )}
      {coverage.isError && <Alert type="error" showIcon title={errorMessage(coverage.error)} />}
      <Table
        rowKey={(row) => row.gridCode ?? "none"}
        size="small"
        loading={coverage.isLoading}
        dataSource={coverage.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t("visits.fields.grid"), render: (_, row) => row.gridCode ?? t("visits.noGrid") },
          { title: t("visits.coverage.due"), dataIndex: "due" },
          { title: t("visits.coverage.visited"), dataIndex: "visited" },
          { title: t("visits.coverage.notReached"), dataIndex: "notReached" },
          { title: t("visits.coverage.overdue"), dataIndex: "overdue" },
        ]}
      />
      {coverage.data && <CoverageMap coverage={coverage.data} />}
    </>
  );
}

/** The community a user works in: their one community, or the community of their grid. */
function communityOf(user: CurrentUser): string | undefined {
  const region = user.scope.regions.find((code) => code.length === 12);
  return region ?? user.scope.grids[0]?.slice(0, 12);
}

/**
 * 主动敲门: the visitor's round for today (on a phone), the grid leader's board of their grids'
 * tasks, and the quarter's coverage.
 */
export function VisitsPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState<VisitTask | null>(null);
  const records = user.permissions.includes("visits.record");
  const reads = user.permissions.includes("visits.read");
  const plans = user.permissions.includes("visits.plan");
  const community = communityOf(user);
  const items = [
    ...(records
      ? [
          { key: "mine", label: t("visits.views.mine"), children: <MyRound onRecord={setRecording} /> },
          { key: "fraud", label: t("fraud.mine"), children: <MyFraudWarnings /> },
          { key: "patrol", label: t("patrols.tab"), children: <PatrolTab /> },
        ]
      : []),
    ...(reads
      ? [
          { key: "grid", label: t("visits.views.grid"), children: <GridBoard view="grid" /> },
          { key: "coverage", label: t("visits.views.coverage"), children: <Coverage regionCode={community} /> },
          { key: "patrols", label: t("patrols.log"), children: <PatrolLog view="scope" /> },
        ]
      : []),
    ...(plans && community
      ? [{ key: "rules", label: t("visits.views.rules"), children: <VisitRulesTab regionCode={community} /> }]
      : []),
  ];
  return (
    <>
      <Tabs destroyOnHidden items={items} />
      <Drawer open={recording !== null} onClose={() => setRecording(null)} title={t("visits.record")} width={420} destroyOnHidden>
        {recording && <VisitForm task={recording} onDone={() => setRecording(null)} />}
      </Drawer>
    </>
  );
}
