import { Badge, Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { useNotifications } from "./cases-api";

/** The header's notifications: escalated cases, cases dispatched to me, meetings I am invited to; opening one marks it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const items = notifications.data?.items ?? [];
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items:
          items.length === 0
            ? [{ key: "none", label: t("notifications.none"), disabled: true }]
            : items.map((item) => ({
                key: item.id,
                label: `${item.read ? "" : "● "}${t(`notifications.kinds.${item.kind}`, { number: item.caseNumber, level: item.level, subject: item.subject })} · ${formatDateTime(item.createdAt)}`,
              })),
        onClick: ({ key }) => {
          const item = items.find((one) => one.id === key);
          if (!item) return;
          void api(`/api/notifications/${item.id}/read`, { method: "POST" }).then(() => notifications.refetch());
          if (item.caseId) navigate(`/cases?case=${item.caseId}`);
          if (item.meetingId) navigate(`/deliberation?meeting=${item.meetingId}`);
        },
      }}
    >
      <Badge count={notifications.data?.unread ?? 0} size="small">
        <Button type="text" data-testid="notifications">
          {t("notifications.title")}
        </Button>
      </Badge>
    </Dropdown>
  );
}
