import type { RecoveryCodes, TwoFactorSetup } from "@linli/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, QRCode, Space, Steps, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useSignOut } from "./session";

/**
 * Enrols the signed-in user's authenticator: a QR code (or the key to type), its first code, then
 * ten recovery codes shown once. `forced` when the user's roles require it before anything else.
 */
export function TwoFactorPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const signOut = useSignOut();
  const [form] = Form.useForm<{ code: string }>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: () => api<TwoFactorSetup>("/api/me/two-factor/setup", { method: "POST" }) });
  const confirm = useMutation({
    mutationFn: (code: string) => api<RecoveryCodes>("/api/me/two-factor/confirm", { method: "POST", body: { code } }),
    onSuccess: (result) => setCodes(result.codes),
  });
  const { mutate: start } = setup;
  useEffect(() => start(), [start]);
  const finish = () => void client.invalidateQueries({ queryKey: ["me"] });

  const content = codes ? (
    <>
      <Alert type="success" showIcon title={t("twoFactor.enabled")} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{t("twoFactor.codesHint")}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: codes.join("\n"), tooltips: [t("users.copy"), t("users.copied")] }}>
        <span
          data-testid="recovery-codes"
          style={{ display: "grid", gridTemplateColumns: "repeat(2, max-content)", gap: "4px 24px" }}
        >
          {codes.map((code) => (
            <Typography.Text key={code} code>
              {code}
            </Typography.Text>
          ))}
        </span>
      </Typography.Paragraph>
      <Button type="primary" onClick={finish}>
        {t("twoFactor.saved")}
      </Button>
    </>
  ) : (
    <>
      {setup.isError && <Alert type="error" showIcon title={errorMessage(setup.error)} style={{ marginBottom: 16 }} />}
      {setup.data && (
        <Steps
          direction="vertical"
          current={1}
          items={[
            {
              title: t("twoFactor.scan"),
              description: (
                <Space direction="vertical">
                  <QRCode value={setup.data.uri} size={180} />
                  <Typography.Text type="secondary">{t("twoFactor.orType")}</Typography.Text>
                  <Typography.Text code copyable data-testid="totp-secret">
                    {setup.data.secret}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t("twoFactor.enterCode"),
              description: (
                <Form
                  form={form}
                  layout="inline"
                  onFinish={({ code }) =>
                    confirm.mutate(code, {
                      onError: (error) => applyFieldErrors(form, error, ["code"]),
                    })
                  }
                >
                  <Form.Item
                    name="code"
                    label={t("login.totpCode")}
                    rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.totpRequired") }]}
                  >
                    <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={confirm.isPending}>
                    {t("twoFactor.confirm")}
                  </Button>
                </Form>
              ),
            },
          ]}
        />
      )}
    </>
  );

  const card = (
    <Card title={t("twoFactor.title")} style={{ maxWidth: 560, width: "100%" }}>
      {forced && !codes && <Alert type="info" showIcon title={t("twoFactor.required")} style={{ marginBottom: 16 }} />}
      {content}
      {forced && !codes && (
        <Button type="link" style={{ marginTop: 16, paddingLeft: 0 }} onClick={() => signOut.mutate()}>
          {t("header.signOut")}
        </Button>
      )}
    </Card>
  );
  return forced ? (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5", padding: 16 }}>{card}</div>
  ) : (
    card
  );
}
