import {
  attendanceParties,
  countingRules,
  type Meeting,
  type MotionMatter,
  motionMatters,
  ownersMatters,
  specialMatters,
} from "@linli/contracts";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  QRCode,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { formatDateTime, todayInChina } from "../../ui/format";
import {
  useAttendance,
  useCreateMotion,
  useMeeting,
  useMeetingFile,
  useMeetingStep,
  useMinutes,
  useSignIn,
} from "./deliberation-api";
import { MotionCard } from "./motion-card";

function NewMotion({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const create = useCreateMotion(meeting.id);
  const [form] = Form.useForm();
  const rule = Form.useWatch("rule", form);
  return (
    <Card size="small" title={t("deliberation.motion.add")}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ revote: "replace", matter: "other" }}
        onFinish={(values) => create.mutate(values, { onSuccess: () => form.resetFields() })}
      >
        <Form.Item name="title" label={t("deliberation.motion.title")} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t("deliberation.motion.body")} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="matter" label={t("deliberation.motion.matter")} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              options={motionMatters.map((value) => ({ value, label: t(`deliberation.matters.${value}`) }))}
              // Art. 278 fixes the least rule of an owners' matter: suggest it.
              onChange={(matter: MotionMatter) => {
                if (specialMatters.includes(matter)) form.setFieldValue("rule", "owners_special");
                else if (ownersMatters.includes(matter)) form.setFieldValue("rule", "owners_ordinary");
              }}
            />
          </Form.Item>
          <Form.Item name="rule" label={t("deliberation.motion.rule")} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              options={countingRules.map((value) => ({ value, label: t(`deliberation.rules.${value}`) }))}
            />
          </Form.Item>
          {rule === "custom" && (
            <Form.Item label={t("deliberation.motion.threshold")} required>
              <Space>
                <Form.Item name={["threshold", "numerator"]} noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={99} aria-label={t("deliberation.motion.numerator")} />
                </Form.Item>
                /
                <Form.Item name={["threshold", "denominator"]} noStyle rules={[{ required: true }]}>
                  <InputNumber min={2} max={100} aria-label={t("deliberation.motion.denominator")} />
                </Form.Item>
              </Space>
            </Form.Item>
          )}
          <Form.Item name="revote" label={t("deliberation.motion.revote")}>
            <Radio.Group
              options={(["replace", "refuse"] as const).map((value) => ({
                value,
                label: t(`deliberation.motion.revotes.${value}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Button htmlType="submit" type="primary" loading={create.isPending}>
          {t("deliberation.motion.save")}
        </Button>
        {create.isError && <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginTop: 8 }} />}
      </Form>
    </Card>
  );
}

function Attendance({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const record = useAttendance(meeting.id);
  const [form] = Form.useForm();
  return (
    <Card size="small" title={t("deliberation.meeting.attendance", { count: meeting.attendance })}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={meeting.attendees}
        columns={[
          { title: t("deliberation.meeting.attendee"), dataIndex: "name" },
          { title: t("deliberation.meeting.party"), render: (_, row) => t(`deliberation.parties.${row.party}`) },
          { title: t("deliberation.meeting.method"), render: (_, row) => t(`deliberation.meeting.methods.${row.method}`) },
          { title: t("deliberation.meeting.signedInAt"), render: (_, row) => formatDateTime(row.signedInAt) },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        initialValues={{ party: "resident" }}
        style={{ marginTop: 8, rowGap: 8 }}
        onFinish={(values) => record.mutate(values, { onSuccess: () => form.resetFields(["name"]) })}
      >
        <Form.Item name="name" rules={[{ required: true, max: 50 }]}>
          <Input aria-label={t("deliberation.meeting.attendee")} placeholder={t("deliberation.meeting.attendee")} />
        </Form.Item>
        <Form.Item name="party">
          <Select
            style={{ width: 140 }}
            options={attendanceParties.map((value) => ({ value, label: t(`deliberation.parties.${value}`) }))}
          />
        </Form.Item>
        <Button htmlType="submit" loading={record.isPending}>
          {t("deliberation.meeting.signIn")}
        </Button>
      </Form>
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
    </Card>
  );
}

function Minutes({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const save = useMinutes(meeting.id);
  const attach = useMeetingFile(meeting.id);
  return (
    <Card size="small" title={t("deliberation.meeting.minutes")}>
      <Form
        layout="vertical"
        initialValues={{ minutes: meeting.minutes ?? "" }}
        onFinish={(values) => save.mutate({ version: meeting.version, minutes: values.minutes })}
      >
        <Form.Item name="minutes" rules={[{ required: true, max: 20000 }]}>
          <Input.TextArea aria-label={t("deliberation.meeting.minutes")} autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Space wrap>
          <Button htmlType="submit" loading={save.isPending}>
            {t("deliberation.meeting.saveMinutes")}
          </Button>
          <Upload
            accept=".jpg,.jpeg,.png,.webp,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              attach.mutate(file);
              return false;
            }}
          >
            <Button loading={attach.isPending}>{t("deliberation.meeting.attach")}</Button>
          </Upload>
        </Space>
        {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginTop: 8 }} />}
        {attach.isError && <Alert type="error" showIcon title={errorMessage(attach.error)} style={{ marginTop: 8 }} />}
      </Form>
    </Card>
  );
}

const isToday = (iso: string) => formatDateTime(iso).slice(0, 10) === todayInChina();

/** A resident signs in by typing the code, or at once when they scanned the meeting's QR code (`scanned`). */
function CodeSignIn({ meetingId, scanned }: { meetingId: string; scanned: string | null }) {
  const { t } = useTranslation();
  const signIn = useSignIn(meetingId);
  const sent = useRef(false);
  useEffect(() => {
    if (scanned && !sent.current) {
      sent.current = true;
      signIn.mutate(scanned);
    }
  }, [scanned, signIn]);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Input.Search
        aria-label={t("deliberation.meeting.code")}
        placeholder={t("deliberation.meeting.code")}
        enterButton={t("deliberation.meeting.signInWithCode")}
        loading={signIn.isPending}
        onSearch={(code) => code && signIn.mutate(code)}
      />
      {signIn.isError && <Alert type="error" showIcon title={errorMessage(signIn.error)} />}
      {signIn.isSuccess && <Alert type="success" showIcon title={t("deliberation.meeting.signedIn")} />}
    </Space>
  );
}

/** The meeting's page: agenda, notice, sign-in, minutes and its motions; residents read it and vote. */
export function MeetingDetail({
  id,
  organiser,
  voter,
  scannedCode = null,
}: {
  id: string;
  organiser: boolean;
  voter: boolean;
  scannedCode?: string | null;
}) {
  const { t } = useTranslation();
  const meeting = useMeeting(id);
  const step = useMeetingStep(id);
  if (meeting.isLoading) return <Spin />;
  if (meeting.isError || !meeting.data) return <Alert type="error" showIcon title={errorMessage(meeting.error)} />;
  const item = meeting.data;
  const live = item.status !== "cancelled";
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="meeting-detail">
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 96, whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("deliberation.meeting.kind")}>{t(`deliberation.kinds.${item.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t("deliberation.meeting.host")}>{item.host}</Descriptions.Item>
        {item.compoundName && (
          <Descriptions.Item label={t("deliberation.meeting.compound")}>{item.compoundName}</Descriptions.Item>
        )}
        <Descriptions.Item label={t("deliberation.meeting.startsAt")}>{formatDateTime(item.startsAt)}</Descriptions.Item>
        <Descriptions.Item label={t("deliberation.meeting.place")}>{item.place}</Descriptions.Item>
        <Descriptions.Item label={t("deliberation.meeting.invitees")}>
          {item.invitees.map((invitee) => t(`deliberation.invitees.${invitee}`)).join("、")}
        </Descriptions.Item>
        <Descriptions.Item label={t("deliberation.meeting.status")}>
          <Tag>{t(`deliberation.statuses.${item.status}`)}</Tag>
          {item.noticedAt && `${t("deliberation.meeting.noticedAt")} ${formatDateTime(item.noticedAt)}`}
        </Descriptions.Item>
        {item.signInCode && (
          <Descriptions.Item label={t("deliberation.meeting.code")}>
            <Space align="center" wrap>
              <QRCode
                size={120}
                data-testid="sign-in-qr"
                value={`${window.location.origin}/deliberation?meeting=${item.id}&code=${item.signInCode}`}
              />
              <Typography.Text strong style={{ fontSize: 20, letterSpacing: 4 }} data-testid="sign-in-code">
                {item.signInCode}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("deliberation.meeting.agenda")}>
          <span style={{ whiteSpace: "pre-wrap" }}>{item.agenda}</span>
        </Descriptions.Item>
        {item.minutes && (
          <Descriptions.Item label={t("deliberation.meeting.minutes")}>
            <span style={{ whiteSpace: "pre-wrap" }}>{item.minutes}</span>
          </Descriptions.Item>
        )}
        {item.files.length > 0 && (
          <Descriptions.Item label={t("deliberation.meeting.files")}>
            <Space direction="vertical" size={0}>
              {item.files.map((file) => (
                <a key={file.id} href={`/api/meeting-files/${file.id}`} target="_blank" rel="noreferrer">
                  {file.fileName}
                </a>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      {organiser && live && (
        <Space wrap>
          {item.status === "planned" && (
            <Button
              type="primary"
              loading={step.isPending}
              onClick={() => step.mutate({ step: "notice", version: item.version })}
            >
              {t("deliberation.meeting.notice")}
            </Button>
          )}
          {!item.minutes && (
            <Button danger loading={step.isPending} onClick={() => step.mutate({ step: "cancel", version: item.version })}>
              {t("deliberation.meeting.cancel")}
            </Button>
          )}
        </Space>
      )}
      {step.isError && <Alert type="error" showIcon title={errorMessage(step.error)} />}
      {voter && live && (isToday(item.startsAt) || scannedCode) && <CodeSignIn meetingId={id} scanned={scannedCode} />}
      {item.motionList.map((motion) => (
        <MotionCard key={motion.id} motion={motion} organiser={organiser} voter={voter} />
      ))}
      {organiser && live && <NewMotion meeting={item} />}
      {organiser && <Attendance meeting={item} />}
      {organiser && live && item.status === "held" && <Minutes meeting={item} />}
    </Space>
  );
}
