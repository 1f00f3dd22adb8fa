import type { Category, PartyKind, StageLimits } from "@linli/contracts";
import { partyKinds } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useCategories } from "./cases-api";

type CategoryValues = { party: PartyKind; department?: string; workingHours: boolean; active: boolean } & StageLimits;
const stages = ["register", "dispatch", "handle", "verify"] as const;

function CategoryDialog({ category, onClose }: { category: Category; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CategoryValues>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const party = Form.useWatch("party", form);
  const save = useMutation({
    mutationFn: (values: CategoryValues) =>
      api<Category>(`/api/case-categories/${category.code}`, {
        method: "PATCH",
        body: {
          version: category.version,
          party: values.party,
          department: values.party === "department" ? values.department : null,
          workingHours: values.workingHours,
          active: values.active,
          limits: { register: values.register, dispatch: values.dispatch, handle: values.handle, verify: values.verify },
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["case-categories"] });
      onClose();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error, ["party", "department"])) setFailure(errorMessage(error));
    },
  });
  return (
    <Modal
      open
      title={category.name}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        initialValues={{
          party: category.party ?? "community",
          department: category.department ?? undefined,
          workingHours: category.workingHours,
          active: category.active,
          ...category.limits,
        }}
      >
        <Form.Item name="party" label={t("cases.fields.partyKind")} rules={[{ required: true }]}>
          <Select options={partyKinds.map((kind) => ({ value: kind, label: t(`cases.parties.${kind}`) }))} />
        </Form.Item>
        {party === "department" && (
          <Form.Item name="department" label={t("cases.settings.department")} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
        )}
        <Space wrap>
          {stages.map((stage) => (
            <Form.Item key={stage} name={stage} label={t(`cases.settings.limits.${stage}`)} rules={[{ required: true }]}>
              <InputNumber min={0.25} max={8760} step={0.5} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="workingHours" label={t("cases.settings.workingHours")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t("cases.settings.active")} valuePropName="checked">
          <Switch />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}

type CalendarDay = { day: string; kind: "holiday" | "workday"; name: string };

function CalendarCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const days = useQuery({ queryKey: ["case-calendar"], queryFn: () => api<{ items: CalendarDay[] }>("/api/case-calendar") });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["case-calendar"] });
  const set = useMutation({
    mutationFn: (values: { day: Dayjs; kind: CalendarDay["kind"]; name: string }) =>
      api(`/api/case-calendar/${values.day.format("YYYY-MM-DD")}`, {
        method: "PUT",
        body: { kind: values.kind, name: values.name },
      }),
    onSuccess: refresh,
    onError: (error) => void message.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: (day: string) => api(`/api/case-calendar/${day}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Card title={t("cases.settings.calendar")} extra={t("cases.settings.calendarHint")}>
      <Form layout="inline" onFinish={(values) => set.mutate(values)} style={{ marginBottom: 16 }}>
        <Form.Item name="day" rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="kind" initialValue="holiday" rules={[{ required: true }]}>
          <Select
            style={{ width: 140 }}
            options={[
              { value: "holiday", label: t("cases.settings.holiday") },
              { value: "workday", label: t("cases.settings.workday") },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={t("cases.settings.dayName")} maxLength={40} />
        </Form.Item>
        <Button htmlType="submit" loading={set.isPending}>
          {t("cases.settings.addDay")}
        </Button>
      </Form>
      <Table<CalendarDay>
        rowKey="day"
        size="small"
        loading={days.isLoading}
        dataSource={days.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t("cases.settings.day"), dataIndex: "day" },
          {
            title: t("cases.settings.kind"),
            render: (_, row) => <Tag color={row.kind === "holiday" ? "red" : "blue"}>{t(`cases.settings.${row.kind}`)}</Tag>,
          },
          { title: t("cases.settings.dayName"), dataIndex: "name" },
          {
            title: "",
            render: (_, row) => (
              <Button type="link" danger onClick={() => remove.mutate(row.day)}>
                {t("cases.settings.remove")}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** Case settings for administrators: each sub-category's party and hours, and the holiday calendar. */
export function CaseSettingsPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const categories = useCategories();
  const [editing, setEditing] = useState<Category | null>(null);
  const all = categories.data?.items ?? [];
  const groupName = (code: string | null) => {
    const group = all.find((item) => item.code === code);
    return group ? (english ? group.nameEn : group.name) : "";
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card title={t("cases.settings.categories")} extra={t("cases.settings.categoriesHint")}>
        {categories.isError && <Alert type="error" showIcon title={errorMessage(categories.error)} />}
        <Table<Category>
          rowKey="code"
          size="small"
          loading={categories.isLoading}
          dataSource={all.filter((item) => item.parentCode !== null)}
          pagination={{ pageSize: 50 }}
          scroll={{ x: 900 }}
          columns={[
            { title: t("cases.settings.group"), render: (_, row) => groupName(row.parentCode), width: 110 },
            { title: t("cases.fields.category"), render: (_, row) => (english ? row.nameEn : row.name), width: 150 },
            {
              title: t("cases.fields.party"),
              render: (_, row) =>
                row.party ? `${t(`cases.parties.${row.party}`)}${row.department ? ` · ${row.department}` : ""}` : "—",
            },
            ...stages.map((stage) => ({
              title: t(`cases.settings.limits.${stage}`),
              render: (_: unknown, row: Category) => row.limits?.[stage] ?? "—",
              width: 90,
            })),
            { title: t("cases.settings.workingHours"), render: (_, row) => (row.workingHours ? "✓" : ""), width: 90 },
            {
              title: t("cases.settings.active"),
              render: (_, row) => (row.active ? "✓" : <Tag>{t("cases.settings.off")}</Tag>),
              width: 80,
            },
            {
              title: "",
              width: 80,
              render: (_, row) => (
                <Button type="link" onClick={() => setEditing(row)}>
                  {t("cases.settings.edit")}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <CalendarCard />
      {editing && <CategoryDialog category={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
