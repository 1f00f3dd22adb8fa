import type { CurrentUser } from "@linli/contracts";
import { Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";

export function HomePage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3}>{t("home.welcome", { name: user.displayName })}</Typography.Title>
      <Typography.Paragraph>{t("home.intro")}</Typography.Paragraph>
      <Space>
        <Typography.Text type="secondary">{t("home.roles")}:</Typography.Text>
        {user.roles.length === 0 ? t("home.noRoles") : user.roles.map((role) => <Tag key={role}>{t(`roles.${role}`)}</Tag>)}
      </Space>
    </Card>
  );
}
