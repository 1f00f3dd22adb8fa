import type { Overview, OverviewChild, OverviewPlace } from "@linli/contracts";
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { Chart } from "./chart";
import { type OverviewTarget, overviewSearch, useOverview } from "./insights-api";

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const change = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : ""}${value}%`);
const targetOf = (place: Pick<OverviewPlace, "level" | "code">): OverviewTarget =>
  place.level === "grid" ? { grid: place.code } : { area: place.code };
const linkTo = (place: Pick<OverviewPlace, "level" | "code">) => `/overview?${overviewSearch(targetOf(place))}`;

/** 综合概览: one area's (city, county, township, community) or grid's figures, with the places below it to walk down to. */
export function OverviewPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const target: OverviewTarget = { area: search.get("area") ?? undefined, grid: search.get("grid") ?? undefined };
  const overview = useOverview(target);
  if (overview.isError) return <Alert type="error" showIcon title={errorMessage(overview.error)} />;
  if (!overview.data) return <Spin />;
  const data = overview.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="overview">
      <Space wrap style={{ justifyContent: "space-between", width: "100%" }}>
        <Breadcrumb
          items={[
            ...data.path.map((place) => ({ title: <Link to={linkTo(place)}>{placeName(t, place)}</Link> })),
            { title: <Typography.Text strong>{placeName(t, data.place)}</Typography.Text> },
          ]}
        />
        <Space wrap>
          {data.roots.length > 1 && (
            <Select
              aria-label={t("insights.choosePlace")}
              style={{ minWidth: 200 }}
              value={`${data.place.level}:${data.place.code}`}
              onChange={(value: string) => {
                const [level = "", code = ""] = value.split(":");
                navigate(linkTo({ level: level as OverviewPlace["level"], code }));
              }}
              options={data.roots.map((place) => ({ value: `${place.level}:${place.code}`, label: place.name }))}
            />
          )}
          <Tag>{t(`insights.level.${data.place.level}`)}</Tag>
          <Typography.Text type="secondary">
            {data.asOf ? t("insights.asOf", { time: formatDateTime(data.asOf) }) : t("insights.notYetCounted")}
          </Typography.Text>
          <Button href={`/api/insights/overview/export?${overviewSearch(targetOf(data.place))}`}>{t("insights.export")}</Button>
        </Space>
      </Space>
      <Row gutter={[16, 16]}>
        {data.people && <PeopleCard people={data.people} />}
        {data.cases && <CasesCard cases={data.cases} />}
        {data.visits && <VisitsCard visits={data.visits} />}
        {data.disputes && <DisputesCard disputes={data.disputes} />}
      </Row>
      {(data.cases || data.disputes) && <MonthsCard overview={data} />}
      <ChildrenTable overview={data} />
    </Space>
  );
}

function placeName(t: ReturnType<typeof useTranslation>["t"], place: OverviewPlace) {
  return place.level === "all" ? t("insights.everywhere") : place.name;
}

function PeopleCard({ people }: { people: NonNullable<Overview["people"]> }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: {},
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: people.tags.map((entry) => t(`people.tagNames.${entry.tag}`)) },
      series: [{ type: "bar", data: people.tags.map((entry) => entry.count), itemStyle: { color: "#1677ff" } }],
    }),
    [people, t],
  );
  return (
    <Col xs={24} xl={12}>
      <Card title={t("insights.people.title")} size="small" data-testid="overview-people">
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t("insights.people.residents")} value={people.residents} />
          </Col>
          <Col span={8}>
            <Statistic title={t("insights.people.households")} value={people.households} />
          </Col>
          <Col span={8}>
            <Statistic title={t("insights.people.migrants")} value={people.migrants} />
          </Col>
        </Row>
        <Chart option={option} height={220} label={t("insights.people.tagsChart")} />
        {people.registers.length > 0 && (
          <Space wrap>
            {people.registers.map((entry) => (
              <Tag key={entry.register} color="purple">
                {t(`registerNames.${entry.register}`)} {entry.count}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
    </Col>
  );
}

function CasesCard({ cases }: { cases: NonNullable<Overview["cases"]> }) {
  const { t } = useTranslation();
  const rates = [
    ["onTimeRate", cases.yearToDate.onTimeRate, cases.lastYearToDate.onTimeRate],
    ["closureRate", cases.yearToDate.closureRate, cases.lastYearToDate.closureRate],
    ["reworkRate", cases.yearToDate.reworkRate, cases.lastYearToDate.reworkRate],
    ["satisfactionRate", cases.yearToDate.satisfactionRate, cases.lastYearToDate.satisfactionRate],
  ] as const;
  return (
    <Col xs={24} xl={12}>
      <Card title={t("insights.cases.title")} size="small" data-testid="overview-cases">
        <Row gutter={[16, 16]}>
          <Col span={6}>
            <Statistic title={t("insights.cases.open")} value={cases.open} />
          </Col>
          <Col span={6}>
            <Statistic
              title={t("insights.cases.overdue")}
              value={cases.overdue}
              valueStyle={cases.overdue > 0 ? { color: "#cf1322" } : undefined}
            />
          </Col>
          <Col span={6}>
            <Statistic title={t("insights.cases.reportedThisMonth")} value={cases.reportedThisMonth} />
            <Typography.Text type="secondary">
              {t("insights.yearOnYear", { change: change(cases.reportedThisMonthChange) })}
            </Typography.Text>
          </Col>
          <Col span={6}>
            <Statistic title={t("insights.cases.closedThisMonth")} value={cases.closedThisMonth} />
          </Col>
        </Row>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          style={{ marginTop: 12 }}
          dataSource={rates.map(([key, now, before]) => ({ key, now, before }))}
          columns={[
            { title: t("insights.cases.rate"), dataIndex: "key", render: (key: string) => t(`cases.evaluation.${key}`) },
            { title: t("insights.cases.thisYear", { count: cases.yearToDate.reported }), dataIndex: "now", render: percent },
            {
              title: t("insights.cases.lastYear", { count: cases.lastYearToDate.reported }),
              dataIndex: "before",
              render: percent,
            },
          ]}
        />
      </Card>
    </Col>
  );
}

function VisitsCard({ visits }: { visits: NonNullable<Overview["visits"]> }) {
  const { t } = useTranslation();
  return (
    <Col xs={24} xl={12}>
      <Card
        title={t("insights.visits.title", { from: visits.quarterFrom, to: visits.quarterTo })}
        size="small"
        data-testid="overview-visits"
      >
        <Row gutter={16} align="middle">
          <Col span={8}>
            <Progress
              type="dashboard"
              percent={Math.round((visits.coverage ?? 0) * 1000) / 10}
              aria-label={t("insights.visits.coverage")}
            />
          </Col>
          <Col span={16}>
            <Row gutter={[16, 16]}>
              <Col span={12}>
                <Statistic title={t("insights.visits.due")} value={visits.due} />
              </Col>
              <Col span={12}>
                <Statistic title={t("insights.visits.done")} value={visits.done} />
              </Col>
              <Col span={12}>
                <Statistic title={t("insights.visits.notDone")} value={visits.notDone} />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t("insights.visits.overdue")}
                  value={visits.overdue}
                  valueStyle={visits.overdue > 0 ? { color: "#cf1322" } : undefined}
                />
              </Col>
            </Row>
          </Col>
        </Row>
      </Card>
    </Col>
  );
}

function DisputesCard({ disputes }: { disputes: NonNullable<Overview["disputes"]> }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: "item" },
      legend: { type: "scroll", orient: "vertical", right: 0, top: "middle" },
      series: [
        {
          type: "pie",
          radius: ["40%", "65%"],
          center: ["30%", "50%"],
          label: { show: false },
          data: disputes.outcomes.map((entry) => ({ name: t(`disputes.outcomes.${entry.outcome}`), value: entry.count })),
        },
      ],
    }),
    [disputes, t],
  );
  const closed = disputes.outcomes.reduce((total, entry) => total + entry.count, 0);
  return (
    <Col xs={24} xl={12}>
      <Card title={t("insights.disputes.title")} size="small" data-testid="overview-disputes">
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t("insights.disputes.open")} value={disputes.open} />
          </Col>
          <Col span={8}>
            <Statistic title={t("insights.disputes.thisYear")} value={disputes.reportedThisYear} />
            <Typography.Text type="secondary">
              {t("insights.yearOnYear", { change: change(disputes.reportedChange) })}
            </Typography.Text>
          </Col>
          <Col span={8}>
            <Statistic title={t("insights.disputes.successRate")} value={percent(disputes.successRate)} />
          </Col>
        </Row>
        {closed > 0 ? (
          <Chart option={option} height={200} label={t("insights.disputes.outcomesChart")} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("insights.disputes.noneClosed")} />
        )}
      </Card>
    </Col>
  );
}

function MonthsCard({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => {
    const series = [];
    if (overview.cases)
      series.push(
        { name: t("insights.months.casesReported"), type: "bar", data: overview.months.map((month) => month.casesReported) },
        {
          name: t("insights.months.casesLastYear"),
          type: "line",
          data: overview.months.map((month) => month.casesReportedLastYear),
        },
        { name: t("insights.months.casesClosed"), type: "bar", data: overview.months.map((month) => month.casesClosed) },
      );
    if (overview.disputes)
      series.push(
        { name: t("insights.months.disputes"), type: "line", data: overview.months.map((month) => month.disputesReported) },
        {
          name: t("insights.months.disputesLastYear"),
          type: "line",
          lineStyle: { type: "dashed" },
          data: overview.months.map((month) => month.disputesReportedLastYear),
        },
      );
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: overview.months.map((month) => month.month) },
      yAxis: { type: "value", minInterval: 1 },
      series,
    };
  }, [overview, t]);
  return (
    <Card title={t("insights.months.title")} size="small" data-testid="overview-months">
      <Chart option={option} height={300} label={t("insights.months.title")} />
    </Card>
  );
}

function ChildrenTable({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  if (overview.place.level === "grid") return null;
  const count = (value: number | null) => (value === null ? "—" : value);
  return (
    <Card title={t("insights.children.title")} size="small">
      <Table<OverviewChild>
        rowKey="code"
        size="small"
        data-testid="overview-children"
        dataSource={overview.children}
        pagination={overview.children.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t("insights.children.name"),
            fixed: "left",
            render: (_, child) => <Link to={linkTo(child)}>{child.name}</Link>,
          },
          {
            title: t("insights.people.residents"),
            dataIndex: "residents",
            render: count,
            sorter: (a, b) => (a.residents ?? 0) - (b.residents ?? 0),
          },
          { title: t("insights.people.households"), dataIndex: "households", render: count },
          { title: t("insights.cases.open"), dataIndex: "casesOpen", render: count },
          {
            title: t("insights.cases.overdue"),
            dataIndex: "casesOverdue",
            render: count,
            sorter: (a, b) => (a.casesOverdue ?? 0) - (b.casesOverdue ?? 0),
          },
          { title: t("insights.cases.reportedThisMonth"), dataIndex: "casesReportedThisMonth", render: count },
          { title: t("insights.visits.due"), dataIndex: "visitsDue", render: count },
          {
            title: t("insights.visits.coverage"),
            dataIndex: "visitCoverage",
            render: percent,
            sorter: (a, b) => (a.visitCoverage ?? 0) - (b.visitCoverage ?? 0),
          },
          { title: t("insights.disputes.open"), dataIndex: "disputesOpen", render: count },
        ]}
      />
    </Card>
  );
}
