import type { CurrentUser, OwnerRoll, ResidentPage } from "@linli/contracts";
import { Alert, Button, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { communityOf } from "../../ui/community";
import { useCompoundsOf, useOwnerRoll, useSetOwners } from "./deliberation-api";

type RollDwelling = OwnerRoll["dwellings"][number];

/** Chooses a dwelling's owners among the compound's residents, searched by name. */
function OwnersDialog({ compoundId, dwelling, onClose }: { compoundId: string; dwelling: RollDwelling; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSetOwners(dwelling.dwellingId);
  const [chosen, setChosen] = useState(dwelling.owners.map((owner) => ({ value: owner.residentId, label: owner.name })));
  const [options, setOptions] = useState(chosen);
  const search = async (q: string) => {
    const page = await api<ResidentPage>(
      `/api/residents?compoundId=${compoundId}&limit=20${q ? `&q=${encodeURIComponent(q)}` : ""}`,
    );
    setOptions(
      page.items.map((resident) => ({ value: resident.id, label: `${resident.name} ${resident.idNumber ?? ""}`.trim() })),
    );
  };
  return (
    <Modal
      open
      title={t("deliberation.roll.setOwners", { dwelling: dwelling.label })}
      onCancel={onClose}
      okText={t("deliberation.save")}
      confirmLoading={save.isPending}
      onOk={() =>
        save.mutate(
          chosen.map((owner) => owner.value),
          { onSuccess: onClose },
        )
      }
    >
      <Select
        mode="multiple"
        labelInValue
        showSearch
        filterOption={false}
        style={{ width: "100%" }}
        aria-label={t("deliberation.roll.owners")}
        value={chosen}
        options={options}
        onFocus={() => void search("")}
        onSearch={(q) => void search(q)}
        onChange={(value) => setChosen(value)}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t("deliberation.roll.coOwners")}
      </Typography.Paragraph>
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} />}
    </Modal>
  );
}

/** 业主名册: every dwelling of a compound with its floor area and owners — what an owners' vote is counted on. */
export function OwnerRollTab({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const compounds = useCompoundsOf(communityOf(user));
  const [compoundId, setCompoundId] = useState<string | null>(null);
  const roll = useOwnerRoll(compoundId);
  const [editing, setEditing] = useState<RollDwelling | null>(null);
  const edits = user.permissions.includes("people.manage");
  const data = roll.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          aria-label={t("deliberation.meeting.compound")}
          placeholder={t("deliberation.meeting.compound")}
          value={compoundId}
          onChange={setCompoundId}
          options={(compounds.data?.items ?? []).map((compound) => ({ value: compound.id, label: compound.name }))}
        />
        {compoundId && <Button href={`/api/compounds/${compoundId}/owner-roll/export`}>{t("deliberation.export")}</Button>}
      </Space>
      {roll.isError && <Alert type="error" showIcon title={errorMessage(roll.error)} />}
      {data && (
        <Alert
          style={{ marginBottom: 12 }}
          type={data.missingArea + data.missingOwners > 0 ? "warning" : "success"}
          showIcon
          data-testid="owner-roll-summary"
          title={t(
            data.missingArea + data.missingOwners > 0 ? "deliberation.roll.incomplete" : "deliberation.roll.complete",
            data,
          )}
        />
      )}
      {compoundId && (
        <Table<RollDwelling>
          size="small"
          rowKey="dwellingId"
          loading={roll.isLoading}
          dataSource={data?.dwellings ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t("deliberation.ballot.dwelling"), dataIndex: "label" },
            {
              title: t("deliberation.roll.area"),
              render: (_, row) =>
                row.floorArea === null ? <Tag color="red">{t("deliberation.roll.noArea")}</Tag> : row.floorArea,
            },
            {
              title: t("deliberation.roll.owners"),
              render: (_, row) =>
                row.owners.length > 0 ? (
                  row.owners.map((owner) => owner.name).join("、")
                ) : (
                  <Tag color="red">{t("deliberation.roll.noOwners")}</Tag>
                ),
            },
            ...(edits
              ? [
                  {
                    title: "",
                    width: 110,
                    render: (_: unknown, row: RollDwelling) => (
                      <Button size="small" onClick={() => setEditing(row)}>
                        {t("deliberation.roll.edit")}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing && compoundId && <OwnersDialog compoundId={compoundId} dwelling={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
