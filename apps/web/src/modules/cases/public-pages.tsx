import { Alert, Button, Card, Form, Input, Layout, Rate, Space, Spin, Steps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { api, errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { LanguageSwitch } from "../../ui/language-switch";
import { useTrackedCase } from "./cases-api";
import { ReportForm } from "./report-form";

/** A phone-first frame for the pages a resident opens without an account. */
function PublicFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh", background: "#fff" }}>
      <Layout.Header
        style={{ background: "#fff", display: "flex", justifyContent: "space-between", alignItems: "center", paddingInline: 12 }}
      >
        <Typography.Title level={4} style={{ margin: 0, color: "#c8102e" }}>
          {t("app.name")} · {title}
        </Typography.Title>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 520, width: "100%", margin: "0 auto" }}>{children}</Layout.Content>
    </Layout>
  );
}

/** /report: the resident's phone form (随手拍). */
export function PublicReportPage() {
  const { t } = useTranslation();
  return (
    <PublicFrame title={t("cases.report.title")}>
      <ReportForm signedIn={false} />
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <a href="/track">{t("cases.track.title")}</a>
      </Typography.Paragraph>
    </PublicFrame>
  );
}

/** /track/:code: progress of a case by its tracking code; the reporter rates it, or reopens it within seven days. */
export function TrackPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { code } = useParams();
  const normalised = code?.trim().toUpperCase() ?? null;
  const tracked = useTrackedCase(normalised && /^[0-9A-Z]{12}$/.test(normalised) ? normalised : null);
  const [rating, setRating] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const english = i18n.language === "en";

  const send = async (path: "rating" | "reopen", body: object) => {
    setSending(true);
    setFailure(null);
    try {
      await api(`/api/track/${normalised}/${path}`, { method: "POST", body });
      await tracked.refetch();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <PublicFrame title={t("cases.track.title")}>
      <Form layout="inline" onFinish={(values: { code: string }) => navigate(`/track/${values.code.trim().toUpperCase()}`)}>
        <Form.Item name="code" initialValue={normalised ?? ""} rules={[{ required: true, pattern: /^\s*[0-9a-zA-Z]{12}\s*$/ }]}>
          <Input placeholder={t("cases.track.codePlaceholder")} maxLength={14} style={{ width: 200 }} />
        </Form.Item>
        <Button htmlType="submit">{t("cases.track.look")}</Button>
      </Form>
      {tracked.isLoading && <Spin />}
      {tracked.isError && <Alert type="error" showIcon title={errorMessage(tracked.error)} style={{ marginTop: 16 }} />}
      {tracked.data && (
        <Card
          style={{ marginTop: 16 }}
          title={`${tracked.data.number} · ${english ? tracked.data.categoryNameEn : tracked.data.categoryName}`}
        >
          <Typography.Paragraph>{tracked.data.description}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{tracked.data.address}</Typography.Paragraph>
          <Typography.Paragraph strong data-testid="tracked-status">
            {t(`cases.statuses.${tracked.data.status}`)}
          </Typography.Paragraph>
          <Steps
            direction="vertical"
            size="small"
            current={tracked.data.events.length - 1}
            items={tracked.data.events.map((event) => ({
              title: t(`cases.events.${event.kind}`, { defaultValue: event.kind }),
              description: formatDateTime(event.occurredAt),
            }))}
          />
          {tracked.data.canRate && (
            <Space direction="vertical" style={{ width: "100%" }} data-testid="rate-case">
              <Typography.Text>{t("cases.track.ratePrompt")}</Typography.Text>
              <Rate value={rating} onChange={setRating} />
              <Form onFinish={(values: { comment?: string }) => send("rating", { rating, comment: values.comment || undefined })}>
                <Form.Item name="comment">
                  <Input.TextArea rows={2} maxLength={500} placeholder={t("cases.track.commentPlaceholder")} />
                </Form.Item>
                <Button type="primary" htmlType="submit" disabled={rating === 0} loading={sending}>
                  {t("cases.track.rate")}
                </Button>
              </Form>
            </Space>
          )}
          {tracked.data.rating !== null && (
            <Space>
              <span>{t("cases.track.yourRating")}</span>
              <Rate disabled value={tracked.data.rating} />
            </Space>
          )}
          {tracked.data.canReopen && (
            <Form layout="vertical" style={{ marginTop: 16 }} onFinish={(values: { note: string }) => send("reopen", values)}>
              <Form.Item name="note" label={t("cases.track.reopenPrompt")} rules={[{ required: true }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Button htmlType="submit" loading={sending}>
                {t("cases.track.reopen")}
              </Button>
            </Form>
          )}
          {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} />}
        </Card>
      )}
    </PublicFrame>
  );
}
