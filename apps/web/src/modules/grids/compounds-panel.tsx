import type { Compound, CompoundDetail, CompoundPage, CompoundProfile } from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Descriptions, Drawer, Table, Tag, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { BuildingsTable } from "./buildings-table";
import { ProfileDialog } from "./profile-dialog";

function ThreeNoTag({ threeNo }: { threeNo: boolean }) {
  const { t } = useTranslation();
  return threeNo ? <Tag color="red">{t("compounds.threeNo")}</Tag> : <Tag color="green">{t("compounds.notThreeNo")}</Tag>;
}

/** What a profile provides, in words: management, 人防, 物防, owners' committee. */
function describeProfile(t: TFunction, profile: CompoundProfile): string[] {
  const facts = [
    profile.propertyManagement === "property_company"
      ? `${t("compounds.management.property_company")}${t("compounds.colon")}${profile.propertyCompany ?? ""}`
      : t(`compounds.management.${profile.propertyManagement}`),
  ];
  for (const key of ["guards", "watch24h", "fence", "gate", "smartAccess", "cameras", "ownersCommittee"] as const) {
    if (profile[key]) facts.push(t(`compounds.facts.${key}`));
  }
  return facts;
}

/** The compounds of one community (the first 200), shared by the table and the map. */
export function useCommunityCompounds(communityCode: string) {
  return useQuery({
    queryKey: ["compounds", communityCode],
    queryFn: () => api<CompoundPage>(`/api/compounds?region=${communityCode}&limit=200`),
  });
}

/** The compounds of one community, each opening its "三化" history and its buildings. */
export function CompoundsPanel({
  communityCode,
  opened,
  onOpen,
  canManage,
}: {
  communityCode: string;
  opened: string | null;
  onOpen: (id: string | null) => void;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const setOpened = onOpen;
  const list = useCommunityCompounds(communityCode);
  const detail = useQuery({
    queryKey: ["compound", opened],
    queryFn: () => api<CompoundDetail>(`/api/compounds/${opened}`),
    enabled: opened !== null,
  });
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("compounds.title")}
      </Typography.Title>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <div data-testid="compounds-table">
        <Table<Compound>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t("compounds.none") }}
          onRow={(compound) => ({ onClick: () => setOpened(compound.id), style: { cursor: "pointer" } })}
          columns={[
            { title: t("compounds.name"), dataIndex: "name" },
            { title: t("compounds.dwellings"), dataIndex: "dwellingsCount" },
            { title: t("compounds.yearBuilt"), dataIndex: "yearBuilt" },
            {
              title: t("compounds.state"),
              key: "threeNo",
              render: (_: unknown, compound: Compound) => <ThreeNoTag threeNo={compound.threeNo} />,
            },
          ]}
        />
      </div>
      <Drawer
        open={opened !== null}
        onClose={() => setOpened(null)}
        title={detail.data?.name}
        size="large"
        extra={
          canManage &&
          detail.data && (
            <Button type="primary" onClick={() => setRecording(true)}>
              {t("profile.record")}
            </Button>
          )
        }
      >
        {detail.data && (
          <>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: "address", label: t("compounds.address"), children: detail.data.address || "—" },
                { key: "state", label: t("compounds.state"), children: <ThreeNoTag threeNo={detail.data.threeNo} /> },
              ]}
            />
            <BuildingsTable compoundId={detail.data.id} />
            <Typography.Title level={5}>{t("compounds.history")}</Typography.Title>
            {detail.data.history.length === 0 ? (
              <Typography.Text type="secondary">{t("compounds.noHistory")}</Typography.Text>
            ) : (
              <Timeline
                data-testid="profile-history"
                items={detail.data.history.map((profile) => ({
                  color: profile.threeNo ? "red" : "green",
                  content: (
                    <div>
                      <Typography.Text strong>{profile.effectiveFrom}</Typography.Text> <ThreeNoTag threeNo={profile.threeNo} />
                      <div>{describeProfile(t, profile).join(t("compounds.separator"))}</div>
                      {profile.note && <div>{profile.note}</div>}
                      {profile.decisionRef && (
                        <Typography.Text type="secondary">
                          {t("compounds.decision")}
                          {t("compounds.colon")}
                          {profile.decisionRef}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </>
        )}
      </Drawer>
      <ProfileDialog compound={recording ? (detail.data ?? null) : null} onClose={() => setRecording(false)} />
    </>
  );
}
