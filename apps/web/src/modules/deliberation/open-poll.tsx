import { Button, Input, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { chinaLocalToIso, isoToChinaLocal } from "../../ui/format";

/** When the poll closes (Beijing time, `days` from now by default), and the button that opens it. */
export function OpenPoll({
  days,
  label,
  loading,
  onOpen,
}: {
  days: number;
  label: string;
  loading: boolean;
  onOpen: (closesAt: string) => void;
}) {
  const { t } = useTranslation();
  const [closesAt, setClosesAt] = useState(isoToChinaLocal(new Date(Date.now() + days * 86_400_000).toISOString()));
  return (
    <Space wrap>
      <Input
        type="datetime-local"
        aria-label={t("deliberation.motion.closesAt")}
        value={closesAt}
        onChange={(event) => setClosesAt(event.target.value)}
      />
      <Button type="primary" loading={loading} onClick={() => onOpen(chinaLocalToIso(closesAt))}>
        {label}
      </Button>
    </Space>
  );
}
