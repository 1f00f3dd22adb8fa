import type { CurrentUser, RegionDetail, RegionList } from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, AutoComplete, Breadcrumb, Button, Card, Col, Descriptions, Empty, Input, Row, Tag, Tree } from "antd";
import type { DataNode, EventDataNode } from "antd/es/tree";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { CommunityPanel } from "../grids/community-panel";

const childrenOf = (parent: string | null) =>
  api<RegionList>(parent ? `/api/regions?parent=${parent}` : "/api/regions").then((list) =>
    list.items.map((region): DataNode => ({ key: region.code, title: region.displayName, isLeaf: region.level === 5 })),
  );

/** Puts loaded children under the node with `key`. */
function attach(nodes: DataNode[], key: string, children: DataNode[]): DataNode[] {
  return nodes.map((node) =>
    node.key === key ? { ...node, children } : node.children ? { ...node, children: attach(node.children, key, children) } : node,
  );
}

/** The division tree (loaded a level at a time), search by name, and the chosen division's details. */
export function RegionsPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  // The provinces as loaded, then with every level opened since.
  const [opened, setOpened] = useState<DataNode[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [typed, setTyped] = useState("");
  const roots = useQuery({ queryKey: ["regions", "roots"], queryFn: () => childrenOf(null) });
  const tree = opened ?? roots.data ?? null;
  const search = useQuery({
    queryKey: ["regions", "search", q],
    queryFn: () => api<RegionList>(`/api/regions/search?q=${encodeURIComponent(q)}&limit=20`),
    enabled: q.length > 0,
  });
  const detail = useQuery({
    queryKey: ["regions", "detail", selected],
    queryFn: () => api<RegionDetail>(`/api/regions/${selected}`),
    enabled: selected !== null,
  });
  const loadData = async (node: EventDataNode<DataNode>) => {
    if (node.children) return;
    const children = await childrenOf(String(node.key));
    setOpened((current) => attach(current ?? roots.data ?? [], String(node.key), children));
  };

  return (
    <Card title={t("regions.title")}>
      <Row gutter={24}>
        <Col xs={24} md={10}>
          <AutoComplete
            style={{ width: "100%", marginBottom: 16 }}
            value={typed}
            onChange={setTyped}
            onSearch={(text) => setQ(text.trim())}
            onSelect={(code: string, option: { name: string }) => {
              setSelected(code);
              setTyped(option.name); // the box shows the name chosen, not its code
            }}
            options={(search.data?.items ?? []).map((region) => ({
              value: region.code,
              name: region.displayName,
              label: `${region.displayName} · ${t(`regions.levels.${region.level}`)} · ${region.code}`,
            }))}
          >
            <Input.Search placeholder={t("regions.search")} allowClear aria-label={t("regions.search")} />
          </AutoComplete>
          {roots.isError && <Alert type="error" showIcon title={errorMessage(roots.error)} />}
          {tree && tree.length === 0 && <Empty description={t("regions.empty")} />}
          {tree && tree.length > 0 && (
            <Tree
              treeData={tree}
              loadData={loadData}
              onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
              selectedKeys={selected ? [selected] : []}
              height={560}
            />
          )}
        </Col>
        <Col xs={24} md={14}>
          {detail.data ? (
            <>
              <Breadcrumb
                style={{ marginBottom: 16 }}
                items={detail.data.path.map((region) => ({
                  title: (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setSelected(region.code)}>
                      {region.displayName}
                    </Button>
                  ),
                }))}
              />
              <Descriptions
                column={1}
                bordered
                size="small"
                items={[
                  { key: "name", label: t("regions.name"), children: detail.data.name },
                  { key: "code", label: t("regions.code"), children: detail.data.code },
                  { key: "level", label: t("regions.level"), children: t(`regions.levels.${detail.data.level}`) },
                  {
                    key: "active",
                    label: t("regions.status"),
                    children: detail.data.active ? (
                      <Tag color="green">{t("regions.active")}</Tag>
                    ) : (
                      <Tag>{t("regions.inactive")}</Tag>
                    ),
                  },
                ]}
              />
              {detail.data.level === 5 && user.permissions.includes("grids.read") && (
                <CommunityPanel
                  code={detail.data.code}
                  boundary={detail.data.boundary}
                  canManage={user.permissions.includes("grids.manage")}
                />
              )}
            </>
          ) : (
            <Empty description={t("regions.pick")} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
