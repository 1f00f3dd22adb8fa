import {
  type CreateVisitRule,
  registers,
  residentTags,
  type VisitRule,
  visitCompanions,
  visitFrequencies,
  visitTargets,
} from "@linli/contracts";
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { todayInChina } from "../../ui/format";
import { usePlanVisits, useSaveVisitRule, useVisitRules } from "./visits-api";

/** Whom a rule reaches, in words: every household, a tag's households, a register's persons. */
function useSubjectOf() {
  const { t } = useTranslation();
  return (rule: Pick<VisitRule, "target" | "tag" | "register">) =>
    rule.target === "tag" && rule.tag
      ? t(`people.tagNames.${rule.tag}`)
      : rule.target === "register" && rule.register
        ? t(`registerNames.${rule.register}`)
        : t("visits.rules.everyHousehold");
}

function NewRuleDialog({ regionCode, onClose }: { regionCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Omit<CreateVisitRule, "regionCode">>();
  const target = Form.useWatch("target", form);
  const save = useSaveVisitRule();
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (values: Omit<CreateVisitRule, "regionCode">) =>
    save.mutate(
      { create: { ...values, regionCode, companions: values.companions ?? [] } },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (!applyFieldErrors(form, error, ["name", "target", "tag", "register", "frequency", "companions"]))
            setFailure(errorMessage(error));
        },
      },
    );
  return (
    <Modal open title={t("visits.rules.add")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ target: "household", frequency: "quarterly" }}>
        <Form.Item name="name" label={t("visits.rules.name")} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="target" label={t("visits.rules.target")} rules={[{ required: true }]}>
          <Select options={visitTargets.map((value) => ({ value, label: t(`visits.rules.targets.${value}`) }))} />
        </Form.Item>
        {target === "tag" && (
          <Form.Item name="tag" label={t("visits.rules.tag")} rules={[{ required: true }]}>
            <Select options={residentTags.map((value) => ({ value, label: t(`people.tagNames.${value}`) }))} />
          </Form.Item>
        )}
        {target === "register" && (
          <Form.Item name="register" label={t("visits.rules.register")} rules={[{ required: true }]}>
            <Select options={registers.map((value) => ({ value, label: t(`registerNames.${value}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="frequency" label={t("visits.rules.frequency")} rules={[{ required: true }]}>
          <Select options={visitFrequencies.map((value) => ({ value, label: t(`registersPage.frequencies.${value}`) }))} />
        </Form.Item>
        <Form.Item name="companions" label={t("visits.rules.companions")}>
          <Select mode="multiple" options={visitCompanions.map((value) => ({ value, label: t(`visits.companions.${value}`) }))} />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon title={failure} />}
    </Modal>
  );
}

/**
 * 走访规则: the community's rules (whom, how often, with whom), each switched on or off, and the
 * planner for the periods containing today.
 */
export function VisitRulesTab({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useVisitRules(regionCode);
  const save = useSaveVisitRule();
  const plan = usePlanVisits();
  const subjectOf = useSubjectOf();
  const [adding, setAdding] = useState(false);
  const runPlan = () =>
    plan.mutate(
      { regionCode, on: todayInChina() },
      {
        onSuccess: (result) => void message.success(t("visits.rules.planned", result)),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={runPlan} loading={plan.isPending}>
          {t("visits.rules.plan")}
        </Button>
        <Button onClick={() => setAdding(true)}>{t("visits.rules.add")}</Button>
      </Space>
      {rules.isError && <Alert type="error" showIcon title={errorMessage(rules.error)} />}
      <Table<VisitRule>
        rowKey="id"
        size="small"
        loading={rules.isLoading}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t("visits.rules.name"), dataIndex: "name" },
          { title: t("visits.rules.target"), render: (_, rule) => subjectOf(rule) },
          { title: t("visits.rules.frequency"), render: (_, rule) => t(`registersPage.frequencies.${rule.frequency}`) },
          {
            title: t("visits.rules.companions"),
            render: (_, rule) => rule.companions.map((role) => t(`visits.companions.${role}`)).join("、") || "—",
          },
          {
            title: t("visits.rules.active"),
            render: (_, rule) => (
              <Switch
                checked={rule.active}
                onChange={(active) => save.mutate({ id: rule.id, update: { version: rule.version, active } })}
              />
            ),
          },
        ]}
      />
      {adding && <NewRuleDialog regionCode={regionCode} onClose={() => setAdding(false)} />}
    </>
  );
}
