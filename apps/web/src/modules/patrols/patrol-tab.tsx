import type { Patrol, PatrolList } from "@linli/contracts";
import { Alert, App, Button, Card, Cascader, Form, Input, List, Space, Statistic, Switch, Table } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { currentPoint, type PhonePoint } from "../../ui/geolocation";
import { useCategories } from "../cases/cases-api";
import { categoryOptions } from "../cases/report-form";
import { useAddPoints, useFinishPatrol, usePatrol, usePatrols, useReportHazard, useStartPatrol } from "./patrols-api";

/** Follows the phone while the patrol is open: positions gathered, sent every 30 s. */
function useRouteTracking(patrolId: string) {
  const addPoints = useAddPoints(patrolId);
  const pending = useRef<PhonePoint[]>([]);
  useEffect(() => {
    if (!("geolocation" in navigator)) return;
    const watch = navigator.geolocation.watchPosition(
      (position) =>
        pending.current.push({
          longitude: position.coords.longitude,
          latitude: position.coords.latitude,
          at: new Date(position.timestamp).toISOString(),
        }),
      () => undefined,
      { enableHighAccuracy: true },
    );
    const flush = window.setInterval(() => {
      const points = pending.current.splice(0, 500);
      if (points.length > 0) addPoints.mutate({ points });
    }, 30_000);
    return () => {
      navigator.geolocation.clearWatch(watch);
      window.clearInterval(flush);
    };
  }, [addPoints.mutate]);
  return addPoints;
}

function OpenPatrol({ patrol }: { patrol: Patrol }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const categories = useCategories();
  const addPoints = useRouteTracking(patrol.id);
  const report = useReportHazard(patrol.id);
  const finish = useFinishPatrol(patrol.id);
  const [form] = Form.useForm();
  const [asCase, setAsCase] = useState(false);
  return (
    <Card size="small" data-testid="open-patrol" title={t("patrols.open", { time: formatDateTime(patrol.startedAt) })}>
      <Space wrap size="large">
        <Statistic title={t("patrols.distance")} value={patrol.distanceMetres} suffix="m" />
        <Statistic title={t("patrols.points")} value={patrol.route.length} />
        <Statistic title={t("patrols.hazards")} value={patrol.hazards.length} />
      </Space>
      <Button
        block
        style={{ marginTop: 8 }}
        loading={addPoints.isPending}
        onClick={async () => {
          const point = await currentPoint();
          if (point) addPoints.mutate({ points: [point] });
          else void message.warning(t("patrols.noLocation"));
        }}
      >
        {t("patrols.markHere")}
      </Button>
      {addPoints.isError && <Alert type="error" showIcon title={errorMessage(addPoints.error)} />}
      <List
        size="small"
        dataSource={patrol.hazards}
        renderItem={(hazard) => (
          <List.Item>
            {hazard.description}
            {hazard.caseId && ` · ${t("patrols.reportedAsCase")}`}
          </List.Item>
        )}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values: { description: string; category?: string[] }) => {
          const point = await currentPoint();
          report.mutate(
            {
              description: values.description,
              ...(point ? { longitude: point.longitude, latitude: point.latitude } : {}),
              ...(asCase && values.category ? { categoryCode: values.category.at(-1) } : {}),
            },
            {
              onSuccess: () => {
                form.resetFields();
                setAsCase(false);
                void message.success(t("patrols.hazardRecorded"));
              },
            },
          );
        }}
      >
        <Form.Item name="description" label={t("patrols.hazard")} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item label={t("patrols.asCase")}>
          <Switch checked={asCase} onChange={setAsCase} data-testid="hazard-as-case" />
        </Form.Item>
        {asCase && (
          <Form.Item name="category" label={t("cases.fields.category")} rules={[{ required: true }]}>
            <Cascader
              options={categoryOptions(categories.data?.items ?? [], i18n.language === "en")}
              placeholder={t("cases.report.pickCategory")}
              showSearch
            />
          </Form.Item>
        )}
        {report.isError && <Alert type="error" showIcon title={errorMessage(report.error)} />}
        <Button htmlType="submit" block loading={report.isPending}>
          {t("patrols.recordHazard")}
        </Button>
      </Form>
      <Button
        type="primary"
        danger
        block
        style={{ marginTop: 12 }}
        loading={finish.isPending}
        onClick={() => finish.mutate({ notes: "" }, { onSuccess: () => void message.success(t("patrols.finished")) })}
      >
        {t("patrols.finish")}
      </Button>
    </Card>
  );
}

/** The patrol log: when, who, how far, what was found. */
export function PatrolLog({ view }: { view: "mine" | "scope" }) {
  const { t } = useTranslation();
  const patrols = usePatrols(view);
  return (
    <>
      <Button href={`/api/patrols/export?view=${view}`} style={{ marginBottom: 12 }}>
        {t("patrols.export")}
      </Button>
      {patrols.isError && <Alert type="error" showIcon title={errorMessage(patrols.error)} />}
      <Table<PatrolList["items"][number]>
        size="small"
        rowKey="id"
        loading={patrols.isLoading}
        dataSource={patrols.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 600 }}
        columns={[
          { title: t("patrols.startedAt"), render: (_, row) => formatDateTime(row.startedAt) },
          ...(view === "scope" ? [{ title: t("patrols.patroller"), dataIndex: "patroller" }] : []),
          { title: t("patrols.grid"), dataIndex: "gridCode" },
          { title: t("patrols.distance"), render: (_, row) => `${row.distanceMetres} m` },
          { title: t("patrols.hazards"), dataIndex: "hazards" },
          { title: t("patrols.cases"), dataIndex: "cases" },
          { title: t("patrols.status"), render: (_, row) => (row.finishedAt ? t("patrols.done") : t("patrols.ongoing")) },
        ]}
      />
    </>
  );
}

/** 治安巡逻 on the phone: start, follow the route, record hazards (as cases when they need handling), finish. */
export function PatrolTab() {
  const { t } = useTranslation();
  const mine = usePatrols("mine");
  const openId = mine.data?.items.find((patrol) => patrol.finishedAt === null)?.id;
  const open = usePatrol(openId);
  const start = useStartPatrol();
  const [companions, setCompanions] = useState("");
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {open.data ? (
        <OpenPatrol patrol={open.data} />
      ) : (
        <Card size="small">
          <Input
            aria-label={t("patrols.companions")}
            placeholder={t("patrols.companions")}
            value={companions}
            onChange={(event) => setCompanions(event.target.value)}
            style={{ marginBottom: 8 }}
          />
          {start.isError && <Alert type="error" showIcon title={errorMessage(start.error)} />}
          <Button type="primary" block loading={start.isPending} onClick={() => start.mutate({ companions })}>
            {t("patrols.start")}
          </Button>
        </Card>
      )}
      <PatrolLog view="mine" />
    </Space>
  );
}
