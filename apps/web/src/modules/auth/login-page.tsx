import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { LanguageSwitch } from "../../ui/language-switch";
import { useSignIn } from "./session";

/** Username and password form; on success the router shows the shell. */
export function LoginPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5", padding: 16 }}>
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("login.title")}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        {signIn.isError && <Alert type="error" showIcon title={errorMessage(signIn.error)} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          onFinish={(values: { username: string; password: string }) => signIn.mutate(values)}
          requiredMark={false}
        >
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
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
