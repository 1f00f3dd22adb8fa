import type { CurrentUser, FraudYear } from "@linli/contracts";
import { Alert, App, Button, Form, Input, InputNumber, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useFraudYears, usePutYear } from "./fraud-api";

/** "+450.0%" / "-12.5%" / "—" when last year is unknown or zero. */
const changeText = (change: number | null) => (change === null ? "—" : `${change > 0 ? "+" : ""}${change}%`);

const money = (yuan: number) => yuan.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The police's yearly figures for an area, each with its change on the year before; the liaison enters them. */
export function FraudYearsTab({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [regionCode, setRegionCode] = useState<string | undefined>(user.scope.regions[0] ?? user.scope.grids[0]?.slice(0, 12));
  const years = useFraudYears(regionCode);
  const put = usePutYear();
  const manages = user.permissions.includes("fraud.manage");
  const [form] = Form.useForm();
  const figure = (key: "casesSolved" | "arrests" | "fundsStoppedYuan") => ({
    title: t(`fraud.years.${key}`),
    render: (_: unknown, year: FraudYear) => (
      <span>
        {key === "fundsStoppedYuan" ? money(year[key]) : year[key]}{" "}
        <span data-testid={`change-${key}`} style={{ color: "#888" }}>
          （{t("fraud.years.change")} {changeText(year.change[key])}）
        </span>
      </span>
    ),
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Input.Search
        aria-label={t("fraud.years.region")}
        addonBefore={t("fraud.years.region")}
        defaultValue={regionCode}
        onSearch={(value) => setRegionCode(value.trim() || undefined)}
        style={{ maxWidth: 360 }}
      />
      {regionCode && <Button href={`/api/fraud-years/export?regionCode=${regionCode}`}>{t("fraud.export")}</Button>}
      {years.isError && <Alert type="error" showIcon title={errorMessage(years.error)} />}
      <Table<FraudYear>
        size="small"
        rowKey="year"
        loading={years.isLoading}
        dataSource={years.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: t("fraud.years.year"), dataIndex: "year", width: 80 },
          figure("casesSolved"),
          figure("arrests"),
          figure("fundsStoppedYuan"),
        ]}
      />
      {manages && regionCode && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ year: new Date().getFullYear() }}
          onFinish={({ year, ...body }) =>
            put.mutate({ regionCode, year, body }, { onSuccess: () => void message.success(t("fraud.years.saved")) })
          }
        >
          <Form.Item name="year" label={t("fraud.years.year")} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="casesSolved" label={t("fraud.years.casesSolved")} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="arrests" label={t("fraud.years.arrests")} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="fundsStoppedYuan" label={t("fraud.years.fundsStoppedYuan")} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 180 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={put.isPending}>
            {t("fraud.years.enter")}
          </Button>
          {put.isError && <Alert type="error" showIcon title={errorMessage(put.error)} />}
        </Form>
      )}
    </Space>
  );
}
