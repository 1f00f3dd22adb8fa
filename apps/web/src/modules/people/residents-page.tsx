import { type CurrentUser, livingStatuses, type Resident, residentTags } from "@linli/contracts";
import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { ImportWizard } from "./import-wizard";
import { filtersQuery, type ResidentFilters, useResidents } from "./people-api";
import { ResidentDrawer } from "./resident-drawer";
import { ResidentForm } from "./resident-form";

/** 实有人口: search, a masked list a page at a time, one resident's record; register, import, export. */
export function ResidentsPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ResidentFilters>({});
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const canManage = user.permissions.includes("people.manage");
  const canCollect = canManage || user.permissions.includes("people.collect");
  const query = useResidents(filters);
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (patch: ResidentFilters) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <Card
      title={t("people.title")}
      extra={
        <Space wrap>
          {canCollect && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t("people.add")}
            </Button>
          )}
          {canManage && <Button onClick={() => setImporting(true)}>{t("people.import")}</Button>}
          <Button href="/api/residents/file-template">{t("people.template")}</Button>
          <Button href={`/api/residents/export?${filtersQuery(filters)}`}>{t("people.export")}</Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t("people.search")}
          placeholder={t("people.search")}
          onSearch={(q) => set({ q })}
          style={{ width: 280 }}
        />
        <Input.Search
          allowClear
          placeholder={t("people.address")}
          onSearch={(address) => set({ address })}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t("people.anyTag")}
          style={{ width: 150 }}
          onChange={(tag?: string) => set({ tag })}
          options={residentTags.map((tag) => ({ value: tag, label: t(`people.tagNames.${tag}`) }))}
        />
        <Select
          allowClear
          placeholder={t("people.anyStatus")}
          style={{ width: 120 }}
          onChange={(livingStatus?: string) => set({ livingStatus })}
          options={livingStatuses.map((status) => ({ value: status, label: t(`people.livingStatuses.${status}`) }))}
        />
      </Space>
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} style={{ marginBottom: 16 }} />}
      <div data-testid="residents-table">
        <Table<Resident>
          rowKey="id"
          loading={query.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t("people.empty") }}
          onRow={(resident) => ({ onClick: () => setOpen(resident.id), style: { cursor: "pointer" } })}
          columns={[
            { title: t("people.name"), dataIndex: "name", onCell: () => ({ style: { whiteSpace: "nowrap" } }) },
            {
              title: t("people.gender"),
              dataIndex: "gender",
              render: (gender) => (gender ? t(`people.genders.${gender}`) : "—"),
            },
            { title: t("people.age"), dataIndex: "age", render: (age) => age ?? "—" },
            { title: t("people.idNumber"), dataIndex: "idNumber", render: (value) => value ?? "—" },
            { title: t("people.phone"), dataIndex: "phone", render: (value) => value ?? "—" },
            { title: t("people.dwelling"), dataIndex: "address" },
            {
              title: t("people.relation"),
              dataIndex: "relation",
              render: (relation) => (relation ? t(`people.relations.${relation}`) : "—"),
            },
            {
              title: t("people.tags"),
              dataIndex: "tags",
              render: (tags: Resident["tags"]) => tags.map((tag) => <Tag key={tag}>{t(`people.tagNames.${tag}`)}</Tag>),
            },
            {
              title: t("people.livingStatus"),
              dataIndex: "livingStatus",
              render: (status: Resident["livingStatus"]) => (
                <Tag color={status === "present" ? "green" : undefined}>{t(`people.livingStatuses.${status}`)}</Tag>
              ),
            },
          ]}
        />
      </div>
      {query.hasNextPage && (
        <Button style={{ marginTop: 16 }} loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t("people.more")}
        </Button>
      )}
      <ResidentDrawer id={open} user={user} onClose={() => setOpen(null)} />
      <Modal title={t("people.add")} open={adding} onCancel={() => setAdding(false)} footer={null} destroyOnHidden>
        <ResidentForm
          direct={canManage}
          onDone={() => setAdding(false)}
          onOpenExisting={(id) => {
            setAdding(false);
            setOpen(id);
          }}
        />
      </Modal>
      <ImportWizard open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}
