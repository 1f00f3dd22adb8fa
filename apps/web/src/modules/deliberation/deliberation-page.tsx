import { type CurrentUser, type MeetingSummary, meetingInvitees, meetingKinds } from "@linli/contracts";
import { Alert, Button, Calendar, Card, Drawer, Form, Input, Modal, Segmented, Select, Space, Table, Tabs, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import { communityOf } from "../../ui/community";
import { chinaLocalToIso, displayTimeZone, formatDateTime } from "../../ui/format";
import { useCompoundsOf, useCreateMeeting, useMeetings } from "./deliberation-api";
import { ElectionsTab } from "./elections-tab";
import { MeetingDetail } from "./meeting-detail";
import { OwnerRollTab } from "./owner-roll-tab";
import { ResolutionsBoard } from "./resolutions-board";

const drawerWidth = () => Math.min(640, window.innerWidth);

function NewMeeting({ user, open, onClose }: { user: CurrentUser; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateMeeting();
  const [form] = Form.useForm();
  const community = Form.useWatch("regionCode", form) as string | undefined;
  const compounds = useCompoundsOf(community && /^\d{12}$/.test(community) ? community : undefined);
  return (
    <Modal
      open={open}
      title={t("deliberation.meeting.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.save")}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: communityOf(user),
          kind: "neighbourhood_meeting",
          invitees: ["compound_residents", "community"],
        }}
        onFinish={({ startsAt, compoundId, ...values }) =>
          create.mutate(
            { ...values, ...(compoundId ? { compoundId } : {}), startsAt: chinaLocalToIso(startsAt) },
            { onSuccess: onClose },
          )
        }
      >
        <Space wrap>
          <Form.Item name="kind" label={t("deliberation.meeting.kind")} rules={[{ required: true }]}>
            <Select
              style={{ width: 180 }}
              options={meetingKinds.map((value) => ({ value, label: t(`deliberation.kinds.${value}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t("deliberation.meeting.community")}
            rules={[{ required: true, pattern: /^\d{12}$/ }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="compoundId"
            label={t("deliberation.meeting.compoundId")}
            dependencies={["kind", "invitees"]}
            rules={[
              ({ getFieldValue }) => ({
                required:
                  getFieldValue("kind") === "owners_assembly" || getFieldValue("invitees")?.includes("compound_residents"),
              }),
            ]}
          >
            <Select
              allowClear
              style={{ width: 220 }}
              loading={compounds.isLoading}
              options={(compounds.data?.items ?? []).map((compound) => ({ value: compound.id, label: compound.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t("deliberation.meeting.title")} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="host" label={t("deliberation.meeting.host")} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsAt" label={t("deliberation.meeting.startsAt")} rules={[{ required: true }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="place" label={t("deliberation.meeting.place")} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="agenda" label={t("deliberation.meeting.agenda")} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="invitees" label={t("deliberation.meeting.invitees")} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={meetingInvitees.map((value) => ({ value, label: t(`deliberation.invitees.${value}`) }))}
          />
        </Form.Item>
        {create.isError && <Alert type="error" showIcon title={errorMessage(create.error)} />}
      </Form>
    </Modal>
  );
}

function Meetings({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const meetings = useMeetings();
  const [view, setView] = useState<"list" | "calendar">("list");
  const [adding, setAdding] = useState(false);
  // The open meeting is in the address (?meeting=<id>), so a notice can link to it.
  const [search, setSearch] = useSearchParams();
  const opened = search.get("meeting");
  const setOpened = (id: string | null) => setSearch(id ? { meeting: id } : {}, { replace: true });
  // Scanning the meeting's QR code opens it with its sign-in code.
  const scannedCode = search.get("code");
  const organiser = user.permissions.includes("deliberation.manage");
  const items = meetings.data?.items ?? [];
  const onDay = (day: dayjs.Dayjs) =>
    items.filter((meeting) => dayjs(meeting.startsAt).tz(displayTimeZone).format("YYYY-MM-DD") === day.format("YYYY-MM-DD"));
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {organiser && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t("deliberation.meeting.add")}
          </Button>
        )}
        <Segmented
          value={view}
          onChange={(value) => setView(value as "list" | "calendar")}
          options={[
            { value: "list", label: t("deliberation.meeting.list") },
            { value: "calendar", label: t("deliberation.meeting.calendar") },
          ]}
        />
        {!user.permissions.includes("deliberation.vote") && (
          <Button href="/api/meetings/export">{t("deliberation.export")}</Button>
        )}
      </Space>
      {meetings.isError && <Alert type="error" showIcon title={errorMessage(meetings.error)} />}
      {view === "calendar" ? (
        <Calendar
          cellRender={(day, info) =>
            info.type === "date"
              ? onDay(day).map((meeting) => (
                  <Tag
                    key={meeting.id}
                    color="blue"
                    style={{ cursor: "pointer", whiteSpace: "normal" }}
                    onClick={() => setOpened(meeting.id)}
                  >
                    {meeting.title}
                  </Tag>
                ))
              : null
          }
        />
      ) : (
        <Table<MeetingSummary>
          size="small"
          rowKey="id"
          loading={meetings.isLoading}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          onRow={(row) => ({ onClick: () => setOpened(row.id), style: { cursor: "pointer" } })}
          columns={[
            { title: t("deliberation.meeting.startsAt"), width: 150, render: (_, row) => formatDateTime(row.startsAt) },
            { title: t("deliberation.meeting.title"), dataIndex: "title" },
            { title: t("deliberation.meeting.kind"), width: 120, render: (_, row) => t(`deliberation.kinds.${row.kind}`) },
            { title: t("deliberation.meeting.compound"), width: 120, render: (_, row) => row.compoundName ?? "—" },
            { title: t("deliberation.meeting.motions"), width: 80, dataIndex: "motions" },
            {
              title: t("deliberation.meeting.status"),
              width: 90,
              render: (_, row) => <Tag>{t(`deliberation.statuses.${row.status}`)}</Tag>,
            },
          ]}
        />
      )}
      <NewMeeting user={user} open={adding} onClose={() => setAdding(false)} />
      <Drawer
        open={opened !== null}
        onClose={() => setOpened(null)}
        title={t("deliberation.meeting.detail")}
        width={drawerWidth()}
        destroyOnHidden
      >
        {opened && (
          <MeetingDetail
            id={opened}
            organiser={organiser}
            voter={user.permissions.includes("deliberation.vote")}
            scannedCode={scannedCode}
          />
        )}
      </Drawer>
    </>
  );
}

/** 议事协商: meetings and their votes, the resolutions tracked to done, and elections. */
export function DeliberationPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const staff = user.permissions.includes("deliberation.read") || user.permissions.includes("deliberation.manage");
  return (
    <Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: "meetings", label: t("deliberation.views.meetings"), children: <Meetings user={user} /> },
          ...(staff
            ? [
                {
                  key: "resolutions",
                  label: t("deliberation.views.resolutions"),
                  children: <ResolutionsBoard manages={user.permissions.includes("deliberation.manage")} />,
                },
              ]
            : []),
          { key: "elections", label: t("deliberation.views.elections"), children: <ElectionsTab user={user} /> },
          ...(staff ? [{ key: "roll", label: t("deliberation.views.roll"), children: <OwnerRollTab user={user} /> }] : []),
        ]}
      />
    </Card>
  );
}
