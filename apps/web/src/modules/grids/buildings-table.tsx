import type { Building, BuildingList } from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";

/** A compound's buildings: entrances, dwellings and their floor area (what owners' votes weigh by). */
export function BuildingsTable({ compoundId }: { compoundId: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ["buildings", compoundId],
    queryFn: () => api<BuildingList>(`/api/compounds/${compoundId}/buildings`),
  });
  const area = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <>
      <Typography.Title level={5}>{t("buildings.title")}</Typography.Title>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<Building>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("buildings.none") }}
        columns={[
          { title: t("buildings.name"), dataIndex: "name" },
          { title: t("buildings.floors"), dataIndex: "floors" },
          {
            title: t("buildings.entrances"),
            key: "entrances",
            render: (_: unknown, building: Building) =>
              building.entrances.map((entrance) => entrance.name).join(t("compounds.separator")),
          },
          { title: t("buildings.dwellings"), dataIndex: "dwellingsCount" },
          {
            title: t("buildings.floorArea"),
            key: "floorArea",
            render: (_: unknown, building: Building) => area.format(building.floorAreaTotal),
          },
        ]}
      />
    </>
  );
}
