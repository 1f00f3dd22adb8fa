import type { Compound, Grid, GridDetail, StaffTerm } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Drawer, Popconfirm, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { StaffDialog } from "./staff-dialog";

/** The grids of one community with the compounds they cover; a grid opens its staffing history. */
export function GridsPanel({
  grids,
  compounds,
  error,
  canManage,
}: {
  grids: Grid[] | undefined;
  compounds: Compound[];
  error: unknown;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const end = useMutation({
    mutationFn: (term: StaffTerm) => api<StaffTerm>(`/api/grid-staff/${term.id}/end`, { method: "POST", body: { to: today } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["grid", opened] }),
  });
  const detail = useQuery({
    queryKey: ["grid", opened],
    queryFn: () => api<GridDetail>(`/api/grids/${opened}`),
    enabled: opened !== null,
  });
  const nameOf = (id: string) => compounds.find((compound) => compound.id === id)?.name ?? id;
  const today = dayjs().format("YYYY-MM-DD");
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("grids.title")}
      </Typography.Title>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      <div data-testid="grids-table">
        <Table<Grid>
          rowKey="code"
          size="small"
          loading={grids === undefined && !error}
          dataSource={grids ?? []}
          pagination={false}
          locale={{ emptyText: t("grids.none") }}
          onRow={(grid) => ({ onClick: () => setOpened(grid.code), style: { cursor: "pointer" } })}
          columns={[
            { title: t("grids.code"), dataIndex: "code" },
            { title: t("grids.name"), dataIndex: "name" },
            {
              title: t("grids.compounds"),
              key: "compounds",
              render: (_: unknown, grid: Grid) => grid.compoundIds.map(nameOf).join(t("compounds.separator")) || "—",
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
            <Button type="primary" onClick={() => setAssigning(true)}>
              {t("grids.assign")}
            </Button>
          )
        }
      >
        {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
        {end.isError && <Alert type="error" showIcon title={errorMessage(end.error)} />}
        {detail.data && (
          <>
            <Typography.Title level={5}>{t("grids.staff")}</Typography.Title>
            <Table<StaffTerm>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={detail.data.staff}
              locale={{ emptyText: t("grids.noStaff") }}
              columns={[
                { title: t("grids.post"), key: "post", render: (_: unknown, term: StaffTerm) => t(`grids.posts.${term.post}`) },
                { title: t("grids.person"), dataIndex: "displayName" },
                { title: t("grids.from"), dataIndex: "from" },
                {
                  title: t("grids.to"),
                  key: "to",
                  render: (_: unknown, term: StaffTerm) =>
                    term.to === null ? <Tag color="green">{t("grids.serving")}</Tag> : term.to,
                },
                ...(canManage
                  ? [
                      {
                        title: "",
                        key: "end",
                        render: (_: unknown, term: StaffTerm) =>
                          (term.to === null || term.to > today) && (
                            <Popconfirm title={t("grids.endConfirm", { date: today })} onConfirm={() => end.mutate(term)}>
                              <Button size="small">{t("grids.end")}</Button>
                            </Popconfirm>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </Drawer>
      <StaffDialog grid={assigning ? (detail.data ?? null) : null} onClose={() => setAssigning(false)} />
    </>
  );
}
