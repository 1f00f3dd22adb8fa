import type { ChangePasswordRequest } from "@linli/contracts";
import { Alert, App, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useChangeOwnPassword } from "../identity/account-api";

type Values = ChangePasswordRequest & { confirm: string };

/** The signed-in user changes their own password; other devices are signed out. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeOwnPassword();
  // When the server named only this form's fields, the messages stand beside them instead.
  const [shownOnFields, setShownOnFields] = useState(false);
  const submit = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("account.changed"));
        },
        onError: (error) => setShownOnFields(applyFieldErrors(form, error, ["currentPassword", "newPassword"])),
      },
    );
  return (
    <Card title={t("account.title")} style={{ maxWidth: 480 }}>
      {change.isError && !shownOnFields && (
        <Alert type="error" showIcon title={errorMessage(change.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t("account.current")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t("account.new")} extra={t("account.hint")} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("account.confirm")}
          dependencies={["newPassword"]}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("account.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t("account.title")}
        </Button>
      </Form>
    </Card>
  );
}
