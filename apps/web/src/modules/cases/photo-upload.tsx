import { Button, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";

/** Photos for a report or a step: each is sent as it is picked; `onChange` gets the ids the server gave them. */
export function PhotoUpload({ photoIds, onChange }: { photoIds: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <Upload
      accept="image/jpeg,image/png,image/webp"
      listType="picture"
      maxCount={9}
      customRequest={({ file, onSuccess, onError }) => {
        api<{ id: string }>("/api/case-photos", { method: "POST", file: file as Blob })
          .then((photo) => {
            onChange([...photoIds, photo.id]);
            onSuccess?.(photo);
          })
          .catch((error: unknown) => onError?.(new Error(errorMessage(error))));
      }}
      onRemove={(file) => onChange(photoIds.filter((id) => id !== (file.response as { id?: string } | undefined)?.id))}
    >
      <Button>{t("cases.report.addPhoto")}</Button>
    </Upload>
  );
}
