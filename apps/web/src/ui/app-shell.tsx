import type { CurrentUser } from "@linli/contracts";
import { Button, Layout, Menu, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useSignOut } from "../modules/auth/session";
import { NotificationBell } from "../modules/cases/notification-bell";
import { LanguageSwitch } from "./language-switch";
import { visibleMenu } from "./menu";

/** Side menu from the user's permissions; header with name, language and sign-out. */
export function AppShell({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  const entries = visibleMenu(user.permissions);
  const selected = entries.filter(
    (e) => e.path === location.pathname || (e.path !== "/" && location.pathname.startsWith(e.path)),
  );
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider breakpoint="md" collapsedWidth={0} theme="light">
        <div style={{ padding: "16px 24px" }}>
          <Typography.Title level={4} style={{ margin: 0, color: "#c8102e" }}>
            {t("app.name")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("app.tagline")}</Typography.Text>
        </div>
        <nav aria-label={t("app.name")}>
          <Menu
            mode="inline"
            selectedKeys={selected.map((e) => e.path)}
            items={entries.map((entry) => ({ key: entry.path, label: t(entry.labelKey) }))}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: "#fff", display: "flex", justifyContent: "flex-end", alignItems: "center", paddingInline: 16 }}
        >
          <Space size="middle">
            <LanguageSwitch />
            <NotificationBell />
            <Typography.Text strong data-testid="current-user">
              {user.displayName}
            </Typography.Text>
            <Button type="link" onClick={() => navigate("/account/password")}>
              {t("header.changePassword")}
            </Button>
            {!user.twoFactor.enabled && (
              <Button type="link" onClick={() => navigate("/account/two-factor")}>
                {t("twoFactor.title")}
              </Button>
            )}
            <Button onClick={() => signOut.mutate(undefined, { onSettled: () => navigate("/") })} loading={signOut.isPending}>
              {t("header.signOut")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
