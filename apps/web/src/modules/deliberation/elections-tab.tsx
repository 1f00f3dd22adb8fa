import { type CurrentUser, type ElectionSummary, organisationKinds } from "@linli/contracts";
import { Alert, Button, Drawer, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { communityOf } from "../../ui/community";
import { formatDateTime } from "../../ui/format";
import { useCompoundsOf, useCreateElection, useElections } from "./deliberation-api";
import { ElectionDetail } from "./election-detail";

function NewElection({ user, open, onClose }: { user: CurrentUser; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateElection();
  const [form] = Form.useForm();
  const kind = Form.useWatch("organisationKind", form);
  const regionCode = Form.useWatch("regionCode", form) as string | undefined;
  const owners = kind === "owners_committee";
  const compounds = useCompoundsOf(owners && /^\d{12}$/.test(regionCode ?? "") ? regionCode : undefined);
  return (
    <Modal
      open={open}
      title={t("deliberation.election.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.save")}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: communityOf(user),
          organisationKind: "association",
          positions: [{ name: "", seats: 1, majorityRequired: false, candidates: [] }],
        }}
        onFinish={({ stricter, ...values }) =>
          create.mutate(
            {
              ...values,
              ...(owners && stricter?.numerator && stricter?.denominator ? { threshold: stricter } : {}),
              positions: values.positions.map((position: { candidates: string[] }) => ({
                ...position,
                candidates: position.candidates.map((name) => ({ name })),
              })),
            },
            { onSuccess: onClose },
          )
        }
      >
        <Space wrap>
          <Form.Item
            name="regionCode"
            label={t("deliberation.meeting.community")}
            rules={[{ required: true, pattern: /^\d{12}$/ }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="organisationKind" label={t("deliberation.election.organisationKind")}>
            <Select
              style={{ width: 180 }}
              options={organisationKinds.map((value) => ({ value, label: t(`deliberation.organisationKinds.${value}`) }))}
            />
          </Form.Item>
        </Space>
        {owners && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("deliberation.election.ownersRule")} />
            <Space wrap>
              <Form.Item name="compoundId" label={t("deliberation.meeting.compound")} rules={[{ required: true }]}>
                <Select
                  style={{ width: 220 }}
                  loading={compounds.isLoading}
                  options={(compounds.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
                />
              </Form.Item>
              <Form.Item label={t("deliberation.election.stricter")}>
                <Space>
                  <Form.Item name={["stricter", "numerator"]} noStyle>
                    <InputNumber min={1} max={99} aria-label={t("deliberation.motion.numerator")} />
                  </Form.Item>
                  /
                  <Form.Item name={["stricter", "denominator"]} noStyle>
                    <InputNumber min={2} max={100} aria-label={t("deliberation.motion.denominator")} />
                  </Form.Item>
                </Space>
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item name="organisation" label={t("deliberation.election.organisation")} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t("deliberation.election.title")} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.List name="positions">
          {(fields, { add, remove }) => (
            <Form.Item label={t("deliberation.election.positions")} required>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, "name"]} rules={[{ required: true, max: 50 }]}>
                    <Input
                      aria-label={`${t("deliberation.election.position")} ${index + 1}`}
                      placeholder={t("deliberation.election.position")}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "seats"]} rules={[{ required: true }]}>
                    <InputNumber
                      min={1}
                      max={99}
                      aria-label={`${t("deliberation.election.seats")} ${index + 1}`}
                      addonAfter={t("deliberation.election.seatsUnit")}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "candidates"]} rules={[{ required: true, type: "array", min: 1 }]}>
                    <Select
                      mode="tags"
                      open={false}
                      style={{ minWidth: 240 }}
                      aria-label={`${t("deliberation.election.candidates")} ${index + 1}`}
                      placeholder={t("deliberation.election.candidates")}
                    />
                  </Form.Item>
                  {!owners && (
                    <Form.Item
                      name={[field.name, "majorityRequired"]}
                      valuePropName="checked"
                      label={t("deliberation.election.majority")}
                    >
                      <Switch />
                    </Form.Item>
                  )}
                  {fields.length > 1 && <Button onClick={() => remove(field.name)}>{t("deliberation.remove")}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ name: "", seats: 1, majorityRequired: false, candidates: [] })}>
                {t("deliberation.election.addPosition")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        {create.isError && <Alert type="error" showIcon title={errorMessage(create.error)} />}
      </Form>
    </Modal>
  );
}

/** 选举: the elections in my area (or, for a resident, those whose roll holds me). */
export function ElectionsTab({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const elections = useElections();
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const organiser = user.permissions.includes("deliberation.manage");
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {organiser && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t("deliberation.election.add")}
          </Button>
        )}
        {!user.permissions.includes("deliberation.vote") && (
          <Button href="/api/elections/export">{t("deliberation.export")}</Button>
        )}
      </Space>
      {elections.isError && <Alert type="error" showIcon title={errorMessage(elections.error)} />}
      <Table<ElectionSummary>
        size="small"
        rowKey="id"
        loading={elections.isLoading}
        dataSource={elections.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        onRow={(row) => ({ onClick: () => setOpened(row.id), style: { cursor: "pointer" } })}
        columns={[
          { title: t("deliberation.election.title"), dataIndex: "title" },
          { title: t("deliberation.election.organisation"), dataIndex: "organisation" },
          {
            title: t("deliberation.meeting.status"),
            render: (_, row) => <Tag>{t(`deliberation.election.statuses.${row.status}`)}</Tag>,
          },
          { title: t("deliberation.election.turnout"), render: (_, row) => `${row.voted}/${row.roll}` },
          { title: t("deliberation.motion.closesAt"), render: (_, row) => (row.closesAt ? formatDateTime(row.closesAt) : "—") },
        ]}
      />
      <NewElection user={user} open={adding} onClose={() => setAdding(false)} />
      <Drawer
        open={opened !== null}
        onClose={() => setOpened(null)}
        title={t("deliberation.election.detail")}
        width={640}
        destroyOnHidden
      >
        {opened && <ElectionDetail id={opened} organiser={organiser} voter={user.permissions.includes("deliberation.vote")} />}
      </Drawer>
    </>
  );
}
