import {
  type CurrentUser,
  type ServiceRequest,
  type ServiceRequestMove,
  type ServiceRequestStatus,
  serviceRequestMoves,
} from "@linli/contracts";
import { Alert, App, Button, Input, Modal, Segmented, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { useMoveServiceRequest, useServiceRequests } from "./services-api";

const statusColours: Record<ServiceRequestStatus, string> = {
  open: "orange",
  accepted: "blue",
  done: "green",
  declined: "default",
};
type Move = { request: ServiceRequest; status: ServiceRequestMove };

/** 服务需求: the needs for a social service raised on visits, taken up and closed by social workers and community staff. */
export function ServiceRequestsPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>("open");
  const list = useServiceRequests(status === "all" ? undefined : status);
  const moveRequest = useMoveServiceRequest();
  const [move, setMove] = useState<Move | null>(null);
  const [note, setNote] = useState("");
  const mayHandle = user.permissions.includes("services.handle");

  const confirm = () => {
    if (!move) return;
    moveRequest.mutate(
      { id: move.request.id, status: move.status, note, version: move.request.version },
      {
        onSuccess: () => {
          message.success(t(`services.moved.${move.status}`));
          setMove(null);
          setNote("");
        },
        onError: (error) => message.error(errorMessage(error)),
      },
    );
  };
  const actions = (request: ServiceRequest) => {
    const next = serviceRequestMoves[request.status];
    return (
      <Space>
        {next.map((target) => (
          <Button key={target} size="small" onClick={() => setMove({ request, status: target })}>
            {t(`services.moves.${target}`)}
          </Button>
        ))}
      </Space>
    );
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Segmented
          value={status}
          onChange={(value) => setStatus(String(value))}
          options={["open", "accepted", "done", "declined", "all"].map((value) => ({
            value,
            label: t(`services.statuses.${value}`),
          }))}
        />
        <Button href={`/api/service-requests/export${status === "all" ? "" : `?status=${status}`}`}>
          {t("services.export")}
        </Button>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<ServiceRequest>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="service-requests"
        scroll={{ x: 900 }}
        columns={[
          {
            title: t("services.fields.createdAt"),
            dataIndex: "createdAt",
            render: (value: string) => formatDateTime(value),
            width: 150,
          },
          { title: t("services.fields.address"), dataIndex: "address" },
          { title: t("services.fields.kind"), dataIndex: "kind", render: (kind: string) => t(`services.kinds.${kind}`) },
          { title: t("services.fields.description"), dataIndex: "description" },
          {
            title: t("services.fields.status"),
            dataIndex: "status",
            render: (value: ServiceRequestStatus) => <Tag color={statusColours[value]}>{t(`services.statuses.${value}`)}</Tag>,
          },
          { title: t("services.fields.handler"), dataIndex: "handlerName", render: (name: string | null) => name ?? "—" },
          { title: t("services.fields.note"), dataIndex: "note" },
          ...(mayHandle
            ? [{ title: t("services.fields.actions"), render: (_: unknown, request: ServiceRequest) => actions(request) }]
            : []),
        ]}
      />
      <Modal
        open={move !== null}
        title={move ? t(`services.moves.${move.status}`) : ""}
        onCancel={() => setMove(null)}
        onOk={confirm}
        okButtonProps={{ loading: moveRequest.isPending, disabled: move?.status === "declined" && note.trim() === "" }}
      >
        <p>{move?.request.description}</p>
        <Input.TextArea
          aria-label={t("services.fields.note")}
          placeholder={move?.status === "declined" ? t("services.reasonRequired") : t("services.noteHint")}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </Modal>
    </Space>
  );
}
