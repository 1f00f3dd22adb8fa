import type { EarlyClose, EarlyCloseView } from "@linli/contracts";
import { Alert, Button, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../ui/format";

/**
 * Closes a poll: at or after the time it was announced to close, at once; before it, only with
 * the decision that allows it (why, and who decided), which the result then shows.
 */
export function ClosePoll({
  closesAt,
  label,
  loading,
  onClose,
}: {
  closesAt: string | null;
  label: string;
  loading: boolean;
  onClose: (earlyClose?: EarlyClose) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<EarlyClose>();
  const early = closesAt !== null && Date.now() < Date.parse(closesAt);
  return (
    <>
      <Button danger loading={loading} onClick={() => (early ? setAsking(true) : onClose())}>
        {label}
      </Button>
      <Modal
        open={asking}
        title={t("deliberation.earlyClose.title")}
        okText={t("deliberation.earlyClose.confirm")}
        okButtonProps={{ danger: true }}
        onOk={() => form.submit()}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t("deliberation.earlyClose.explain", { closesAt: closesAt ? formatDateTime(closesAt) : "" })}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => {
            setAsking(false);
            onClose(values);
          }}
        >
          <Form.Item name="reason" label={t("deliberation.earlyClose.reason")} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="decidedBy" label={t("deliberation.earlyClose.decidedBy")} rules={[{ required: true, max: 100 }]}>
            <Input placeholder={t("deliberation.earlyClose.decidedByHint")} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** A poll closed before its announced time: the decision, on the result. */
export function EarlyCloseNote({ record }: { record: EarlyCloseView }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="early-close"
      title={t("deliberation.earlyClose.note", { ...record, closedAt: formatDateTime(record.closedAt) })}
    />
  );
}
