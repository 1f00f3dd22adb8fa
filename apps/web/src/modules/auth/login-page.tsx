import type { LoginRequest } from "@linli/contracts";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { LanguageSwitch } from "../../ui/language-switch";
import { useSignIn } from "./session";

const askedForSecondFactor = (error: unknown) =>
  error instanceof ApiError && ["two_factor_required", "two_factor_invalid"].includes(error.problem?.code ?? "");

/**
 * Username and password; then, for an account with a second factor, the authenticator's code or
 * a recovery code. On success the router shows the shell.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [secondStep, setSecondStep] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const submit = (values: LoginRequest) =>
    signIn.mutate(values, { onError: (error) => setSecondStep((shown) => shown || askedForSecondFactor(error)) });
  // The first "enter your code" is a prompt, not a failure.
  const prompt = signIn.error instanceof ApiError && signIn.error.problem?.code === "two_factor_required";
  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5", padding: 16 }}>
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("login.title")}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        {signIn.isError && !prompt && (
          <Alert type="error" showIcon title={errorMessage(signIn.error)} style={{ marginBottom: 16 }} />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <div style={{ display: secondStep ? "none" : undefined }}>
            <Form.Item
              name="username"
              label={t("login.username")}
              rules={[{ required: true, message: t("login.usernameRequired") }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("login.password")}
              rules={[{ required: true, message: t("login.passwordRequired") }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          </div>
          {secondStep && !useRecovery && (
            <Form.Item
              name="totpCode"
              label={t("login.totpCode")}
              extra={t("login.totpHint")}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.totpRequired") }]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus />
            </Form.Item>
          )}
          {secondStep && useRecovery && (
            <Form.Item
              name="recoveryCode"
              label={t("login.recoveryCode")}
              extra={t("login.recoveryHint")}
              rules={[{ required: true, message: t("login.recoveryRequired") }]}
            >
              <Input autoComplete="off" autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t("login.submit")}
          </Button>
          {secondStep && (
            <Button type="link" block style={{ marginTop: 8 }} onClick={() => setUseRecovery((on) => !on)}>
              {useRecovery ? t("login.useTotp") : t("login.useRecovery")}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
