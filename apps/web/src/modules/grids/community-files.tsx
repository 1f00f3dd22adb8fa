import type { ImportReport } from "@linli/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Space, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, api, errorMessage } from "../../api/client";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Download the community as Excel or GeoJSON, or the template; import a filled-in file. */
export function CommunityFiles({ code, canManage }: { code: string; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => {
      const type = file.type === xlsx || file.name.endsWith(".xlsx") ? xlsx : "application/geo+json";
      return api<ImportReport>(`/api/communities/${code}/file`, { method: "POST", file: new Blob([file], { type }) });
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const report = upload.data;
  const refused = upload.error instanceof ApiError ? (upload.error.problem?.errors ?? []) : [];
  return (
    <div style={{ marginTop: 16 }}>
      <Space wrap>
        <Button href={`/api/communities/${code}/file?format=xlsx`}>{t("files.exportExcel")}</Button>
        <Button href={`/api/communities/${code}/file?format=geojson`}>{t("files.exportGeoJson")}</Button>
        {canManage && (
          <>
            <Button href="/api/community-files/template">{t("files.template")}</Button>
            <Upload
              accept=".xlsx,.geojson,.json"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button type="primary" loading={upload.isPending}>
                {t("files.import")}
              </Button>
            </Upload>
          </>
        )}
      </Space>
      {report && (
        <Alert
          id="import-report"
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={t("files.imported")}
          description={(["compounds", "buildings", "dwellings", "grids"] as const)
            .map((kind) => t("files.counts", { kind: t(`files.kinds.${kind}`), ...report[kind] }))
            .join(t("compounds.separator"))}
        />
      )}
      {upload.isError && (
        <Alert
          id="import-errors"
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={refused.length > 0 ? t("files.refused") : errorMessage(upload.error)}
          description={
            refused.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {refused.map((error) => (
                  <li key={`${error.field}-${error.code}`}>
                    {error.field}: {error.message}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
    </div>
  );
}
