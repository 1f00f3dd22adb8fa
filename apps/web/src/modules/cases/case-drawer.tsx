import type { CaseTransition, ClientSettings, GridDetail } from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Descriptions, Drawer, Image, Rate, Space, Spin, Tag, Timeline, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { CommunityMap, type MapShape } from "../grids/community-map";
import { useCase, useCategories } from "./cases-api";
import { TransitionDialog } from "./transition-dialog";

/** Where the case is: its grid's outline and the reported point, when both are known. */
function CaseMap({
  gridCode,
  point,
  label,
}: {
  gridCode: string | null;
  point: { longitude: number; latitude: number } | null;
  label: string;
}) {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => api<ClientSettings>("/api/settings"), staleTime: Infinity });
  const grid = useQuery({
    queryKey: ["grid", gridCode],
    enabled: gridCode !== null,
    retry: false,
    queryFn: () => api<GridDetail>(`/api/grids/${gridCode}`),
  });
  const shapes = useMemo<MapShape[]>(
    () =>
      grid.data?.boundary ? [{ key: grid.data.code, label: grid.data.name, kind: "grid", polygon: grid.data.boundary }] : [],
    [grid.data],
  );
  const markers = useMemo(() => (point ? [{ key: "case", label, ...point }] : []), [point, label]);
  if (!point && shapes.length === 0) return null;
  return (
    <CommunityMap
      shapes={shapes}
      markers={markers}
      tileUrl={settings.data?.mapTileUrl ?? null}
      label={t("cases.fields.location")}
    />
  );
}

/** A case: what, where, who is responsible, its timeline, and the steps the caller may take. */
export function CaseDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const detail = useCase(id);
  const categories = useCategories();
  const [transition, setTransition] = useState<CaseTransition | null>(null);
  const data = detail.data;
  const questions = categories.data?.items.find((item) => item.code === data?.categoryCode)?.questions ?? [];
  const point = useMemo(
    () =>
      data && data.longitude !== null && data.latitude !== null ? { longitude: data.longitude, latitude: data.latitude } : null,
    [data],
  );
  return (
    <Drawer
      open
      width={560}
      onClose={onClose}
      title={data ? `${data.number} · ${english ? data.categoryNameEn : data.categoryName}` : ""}
    >
      {detail.isLoading && <Spin />}
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {data && (
        <Space direction="vertical" style={{ width: "100%" }} size="large">
          <Space wrap data-testid="case-actions">
            {data.allowed.map((allowed) => (
              <Button
                key={allowed}
                type={allowed === "reject" || allowed === "send_back" ? "default" : "primary"}
                onClick={() => setTransition(allowed)}
              >
                {t(`cases.transitions.${allowed}`)}
              </Button>
            ))}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("cases.fields.status")}>
              <Space>
                <Tag color="blue" data-testid="case-status">
                  {t(`cases.statuses.${data.status}`)}
                </Tag>
                {data.overdue && <Tag color="red">{t("cases.overdue")}</Tag>}
                {data.escalationLevel > 0 && <Tag color="volcano">{t(`cases.escalation.${data.escalationLevel}`)}</Tag>}
                {data.pooled && <Tag color="orange">{t("cases.pooled")}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("cases.fields.description")}>{data.description}</Descriptions.Item>
            <Descriptions.Item label={t("cases.fields.address")}>
              {[data.compoundName, data.address].filter(Boolean).join(" · ")}
            </Descriptions.Item>
            <Descriptions.Item label={t("cases.fields.party")}>
              {data.party ? `${t(`cases.parties.${data.party.kind}`)} · ${data.party.name}` : "—"}
              {data.handler && ` · ${data.handler}`}
            </Descriptions.Item>
            {data.dueAt && <Descriptions.Item label={t("cases.fields.dueAt")}>{formatDateTime(data.dueAt)}</Descriptions.Item>}
            <Descriptions.Item label={t("cases.fields.reporter")}>
              {[data.reporterName, data.reporterPhone, t(`cases.channels.${data.channel}`)].filter(Boolean).join(" · ")}
            </Descriptions.Item>
            {Object.keys(data.answers).length > 0 && (
              <Descriptions.Item label={t("cases.fields.answers")}>
                {Object.entries(data.answers)
                  .map(([code, answer]) => {
                    const question = questions.find((item) => item.code === code);
                    const label = question ? (english ? question.labelEn : question.label) : code;
                    const shown = (Array.isArray(answer) ? answer : [answer])
                      .map((value) => question?.values?.find((option) => option.key === value)?.name ?? String(value))
                      .join("、");
                    return `${label}：${shown}`;
                  })
                  .join("；")}
              </Descriptions.Item>
            )}
            {data.rating !== null && (
              <Descriptions.Item label={t("cases.fields.rating")}>
                <Rate disabled value={data.rating} /> {data.ratingComment}
              </Descriptions.Item>
            )}
          </Descriptions>
          {data.photoIds.length > 0 && (
            <Image.PreviewGroup>
              <Space wrap>
                {data.photoIds.map((photo) => (
                  <Image key={photo} width={96} src={`/api/case-photos/${photo}`} />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
          <CaseMap gridCode={data.gridCode} point={point} label={data.number} />
          <div>
            <Typography.Title level={5}>{t("cases.timeline")}</Typography.Title>
            <Timeline
              data-testid="case-timeline"
              items={data.events.map((event) => ({
                children: (
                  <div>
                    <div>
                      <strong>{t(`cases.events.${event.kind}`, { defaultValue: event.kind })}</strong>
                      {event.actor && ` · ${event.actor}`} · {formatDateTime(event.occurredAt)}
                    </div>
                    {event.note && <Typography.Text type="secondary">{event.note}</Typography.Text>}
                    {event.photoIds.length > 0 && (
                      <Space wrap>
                        {event.photoIds.map((photo) => (
                          <Image key={photo} width={64} src={`/api/case-photos/${photo}`} />
                        ))}
                      </Space>
                    )}
                  </div>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      {data && transition && <TransitionDialog detail={data} transition={transition} onClose={() => setTransition(null)} />}
    </Drawer>
  );
}
