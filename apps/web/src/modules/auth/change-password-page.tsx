import type { ChangePasswordRequest } from "@linli/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useChangeOwnPassword } from "../identity/account-api";
import { useSignOut } from "./session";

type Values = ChangePasswordRequest & { confirm: string };

/**
 * The signed-in user changes their own password; other devices are signed out. `forced` when the
 * password was issued by an administrator or has expired: nothing else opens until it is changed.
 */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeOwnPassword();
  const client = useQueryClient();
  const signOut = useSignOut();
  // When the server named only this form's fields, the messages stand beside them instead.
  const [shownOnFields, setShownOnFields] = useState(false);
  const submit = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("account.changed"));
          if (forced) void client.invalidateQueries({ queryKey: ["me"] });
        },
        onError: (error) => setShownOnFields(applyFieldErrors(form, error, ["currentPassword", "newPassword"])),
      },
    );
  const card = (
    <Card title={t("account.title")} style={{ maxWidth: 480, width: "100%" }}>
      {forced && (
        <Alert
          type="info"
          showIcon
          title={t("account.mustChange")}
          data-testid="password-change-required"
          style={{ marginBottom: 16 }}
        />
      )}
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
        {forced && (
          <Button type="link" onClick={() => signOut.mutate()}>
            {t("header.signOut")}
          </Button>
        )}
      </Form>
    </Card>
  );
  return forced ? (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5", padding: 16 }}>{card}</div>
  ) : (
    card
  );
}
