import type { Polygon } from "@linli/contracts";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import "./community-map.css";

export interface MapShape {
  key: string;
  label: string;
  kind: "community" | "grid" | "compound";
  polygon: Polygon;
  /** Compounds: drawn red while "三无". */
  threeNo?: boolean;
  /** A colour of its own (a coverage map's share), outline and fill. */
  colour?: string;
}

const styles: Record<MapShape["kind"], L.PathOptions> = {
  community: { color: "#595959", weight: 2, dashArray: "6 4", fillOpacity: 0 },
  grid: { color: "#1677ff", weight: 2, fillColor: "#1677ff", fillOpacity: 0.06 },
  compound: { color: "#389e0d", weight: 1, fillColor: "#52c41a", fillOpacity: 0.25 },
};

/** Hengyang's centre, where a map with nothing drawn opens. */
const hengyang: L.LatLngTuple = [26.89, 112.57];

/**
 * Grid and compound outlines with their names. With no tile server (a community office offline)
 * the map is a plain background; `tileUrl` ({z}/{x}/{y}) adds one.
 */
export function CommunityMap({
  shapes,
  tileUrl,
  label,
  onSelect,
  markers = [],
}: {
  shapes: MapShape[];
  tileUrl: string | null;
  label: string;
  onSelect?: (shape: MapShape) => void;
  /** Points to mark (a case's place), each with its label. */
  markers?: { key: string; label: string; longitude: number; latitude: number }[];
}) {
  const element = useRef<HTMLElement>(null);
  // The latest handler without redrawing the map when only the handler changed.
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!element.current) return;
    const map = L.map(element.current, { zoomSnap: 0.25, attributionControl: Boolean(tileUrl) });
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map);
    const drawn = L.featureGroup().addTo(map);
    for (const shape of shapes) {
      const style = shape.colour
        ? { ...styles[shape.kind], color: shape.colour, fillColor: shape.colour, fillOpacity: 0.35 }
        : shape.kind === "compound" && shape.threeNo
          ? { ...styles.compound, color: "#cf1322", fillColor: "#ff4d4f" }
          : styles[shape.kind];
      const layer = L.geoJSON(shape.polygon, { style }).addTo(drawn);
      if (shape.kind === "community") continue;
      layer.bindTooltip(shape.label, {
        permanent: true,
        direction: shape.kind === "grid" ? "top" : "bottom",
        className: `linli-map-label linli-map-label-${shape.kind}`,
      });
      layer.on("click", () => select.current?.(shape));
    }
    for (const marker of markers)
      L.circleMarker([marker.latitude, marker.longitude], { radius: 8, color: "#c8102e", fillOpacity: 0.8 })
        .bindTooltip(marker.label, { permanent: true, direction: "right", className: "linli-map-label" })
        .addTo(drawn);
    if (drawn.getLayers().length > 0) map.fitBounds(drawn.getBounds(), { padding: [24, 24], maxZoom: 17 });
    else map.setView(hengyang, 12);
    return () => {
      map.remove();
    };
  }, [shapes, tileUrl, markers]);

  return <section ref={element} className="linli-map" data-testid="community-map" aria-label={label} />;
}
