import type { EvaluationRow } from "@linli/contracts";
import { evaluationGroupings } from "@linli/contracts";
import { Alert, Button, DatePicker, Select, Space, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useEvaluation } from "./cases-api";

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const hours = (value: number | null) => (value === null ? "—" : value.toFixed(1));

/** 综合评价: the rates per party, grid, community or month over a period, and the same as Excel. */
export function EvaluationPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<string>("party");
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf("month"), dayjs()]);
  const query = { groupBy, from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") };
  const evaluation = useEvaluation(query);
  const rows = evaluation.data
    ? [...evaluation.data.rows, { ...evaluation.data.total, key: "total", name: t("cases.evaluation.total") }]
    : [];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          value={groupBy}
          onChange={setGroupBy}
          style={{ width: 160 }}
          options={evaluationGroupings.map((grouping) => ({ value: grouping, label: t(`cases.evaluation.by.${grouping}`) }))}
        />
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
        />
        <Button href={`/api/cases/evaluation/export?${new URLSearchParams(query)}`}>{t("cases.evaluation.export")}</Button>
      </Space>
      {evaluation.isError && <Alert type="error" showIcon title={errorMessage(evaluation.error)} />}
      <Table<EvaluationRow>
        rowKey="key"
        size="small"
        loading={evaluation.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="evaluation-table"
        columns={[
          { title: t("cases.evaluation.name"), dataIndex: "name", fixed: "left", width: 200 },
          { title: t("cases.evaluation.cases"), dataIndex: "cases" },
          { title: t("cases.evaluation.onTimeRate"), render: (_, row) => percent(row.onTimeRate) },
          { title: t("cases.evaluation.closureRate"), render: (_, row) => percent(row.closureRate) },
          { title: t("cases.evaluation.reworkRate"), render: (_, row) => percent(row.reworkRate) },
          { title: t("cases.evaluation.satisfactionRate"), render: (_, row) => percent(row.satisfactionRate) },
          { title: t("cases.evaluation.registerHours"), render: (_, row) => hours(row.averageHours.register) },
          { title: t("cases.evaluation.dispatchHours"), render: (_, row) => hours(row.averageHours.dispatch) },
          { title: t("cases.evaluation.handleHours"), render: (_, row) => hours(row.averageHours.handle) },
          { title: t("cases.evaluation.verifyHours"), render: (_, row) => hours(row.averageHours.verify) },
        ]}
      />
    </Space>
  );
}
