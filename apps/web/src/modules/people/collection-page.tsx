import type { CurrentUser, Submission, SubmissionPage } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Space, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { ChangeLine } from "./resident-drawer";
import { ResidentForm } from "./resident-form";

function SubmissionCard({ submission, actions }: { submission: Submission; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <List.Item actions={actions ? [actions] : []}>
      <List.Item.Meta
        title={
          <Space wrap>
            <span>{submission.residentName}</span>
            <Tag>{t(`collection.kind.${submission.kind}`)}</Tag>
            <Tag color={submission.status === "pending" ? "blue" : submission.status === "accepted" ? "green" : "orange"}>
              {t(`collection.statuses.${submission.status}`)}
            </Tag>
          </Space>
        }
        description={
          <div>
            <div>{submission.address}</div>
            <div>{t("collection.submittedBy", { name: submission.submittedBy, at: formatDateTime(submission.submittedAt) })}</div>
            {submission.changes.map((change) => (
              <ChangeLine key={change.field} change={change} />
            ))}
            {submission.comment && <Alert style={{ marginTop: 8 }} type="warning" title={submission.comment} />}
          </div>
        }
      />
    </List.Item>
  );
}

/**
 * 信息采集: a grid member collects at the door (the form fits a 360-px phone) and follows their
 * submissions; a grid leader accepts or returns the pending ones of their grid.
 */
export function CollectionPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reviewer = user.permissions.includes("people.review");
  const collector = user.permissions.includes("people.collect");
  const [returning, setReturning] = useState<Submission | null>(null);
  const queue = useQuery({
    queryKey: ["submissions", "pending"],
    enabled: reviewer,
    queryFn: () => api<SubmissionPage>("/api/collection/submissions?status=pending&limit=100"),
  });
  const mine = useQuery({
    queryKey: ["submissions", "mine"],
    enabled: collector,
    queryFn: () => api<SubmissionPage>("/api/collection/submissions?mine=true&limit=100"),
  });
  const review = useMutation({
    mutationFn: ({ id, action, comment }: { id: string; action: "accept" | "return"; comment?: string }) =>
      api<Submission>(`/api/collection/submissions/${id}/${action}`, {
        method: "POST",
        body: action === "return" ? { comment } : undefined,
      }),
    onSuccess: (submission) => {
      void message.success(t(submission.status === "accepted" ? "collection.accepted" : "collection.returned"));
      return queryClient.invalidateQueries();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const tabs = [
    ...(reviewer
      ? [
          {
            key: "queue",
            label: t("collection.queue"),
            children: (
              <div data-testid="collection-queue">
                {queue.isError && <Alert type="error" showIcon title={errorMessage(queue.error)} />}
                <List
                  loading={queue.isLoading}
                  locale={{ emptyText: <Empty description={t("collection.empty")} /> }}
                  dataSource={queue.data?.items ?? []}
                  renderItem={(submission) => (
                    <SubmissionCard
                      submission={submission}
                      actions={
                        <Space>
                          <Button type="primary" onClick={() => review.mutate({ id: submission.id, action: "accept" })}>
                            {t("collection.accept")}
                          </Button>
                          <Button onClick={() => setReturning(submission)}>{t("collection.return")}</Button>
                        </Space>
                      }
                    />
                  )}
                />
              </div>
            ),
          },
        ]
      : []),
    ...(collector
      ? [
          {
            key: "new",
            label: t("collection.new"),
            children: <ResidentForm direct={false} onDone={() => void message.success(t("people.submitted"))} />,
          },
          {
            key: "mine",
            label: t("collection.mine"),
            children: (
              <List
                data-testid="my-submissions"
                loading={mine.isLoading}
                locale={{ emptyText: <Empty description={t("collection.empty")} /> }}
                dataSource={mine.data?.items ?? []}
                renderItem={(submission) => <SubmissionCard submission={submission} />}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t("collection.title")} styles={{ body: { padding: 12 } }}>
      <Tabs items={tabs} />
      <Modal
        title={t("collection.returnTitle")}
        open={returning !== null}
        onCancel={() => setReturning(null)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={({ comment }: { comment: string }) => {
            if (returning)
              review.mutate({ id: returning.id, action: "return", comment }, { onSuccess: () => setReturning(null) });
          }}
        >
          <Form.Item name="comment" label={t("collection.comment")} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={review.isPending}>
            {t("collection.return")}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
