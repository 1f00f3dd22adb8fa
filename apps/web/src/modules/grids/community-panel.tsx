import type { ClientSettings, GridList, Polygon } from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { CommunityFiles } from "./community-files";
import { CommunityMap, type MapShape } from "./community-map";
import { CompoundsPanel, useCommunityCompounds } from "./compounds-panel";
import { GridsPanel } from "./grids-panel";

/** A community: its map of grids and compounds, its compounds, its grids and their staff. */
export function CommunityPanel({ code, boundary, canManage }: { code: string; boundary: Polygon | null; canManage: boolean }) {
  const { t } = useTranslation();
  const [compound, setCompound] = useState<string | null>(null);
  const compounds = useCommunityCompounds(code);
  const grids = useQuery({ queryKey: ["grids", code], queryFn: () => api<GridList>(`/api/grids?region=${code}&limit=200`) });
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => api<ClientSettings>("/api/settings"), staleTime: Infinity });

  const shapes = useMemo(() => {
    const drawn: MapShape[] = boundary ? [{ key: code, label: code, kind: "community", polygon: boundary }] : [];
    for (const grid of grids.data?.items ?? [])
      if (grid.boundary) drawn.push({ key: grid.code, label: grid.name, kind: "grid", polygon: grid.boundary });
    for (const item of compounds.data?.items ?? [])
      if (item.boundary)
        drawn.push({ key: item.id, label: item.name, kind: "compound", polygon: item.boundary, threeNo: item.threeNo });
    return drawn;
  }, [code, boundary, grids.data, compounds.data]);

  return (
    <>
      <CommunityMap
        shapes={shapes}
        tileUrl={settings.data?.mapTileUrl ?? null}
        label={t("grids.map")}
        onSelect={(shape) => shape.kind === "compound" && setCompound(shape.key)}
      />
      <CommunityFiles code={code} canManage={canManage} />
      <CompoundsPanel communityCode={code} opened={compound} onOpen={setCompound} canManage={canManage} />
      <GridsPanel grids={grids.data?.items} compounds={compounds.data?.items ?? []} error={grids.error} canManage={canManage} />
    </>
  );
}
