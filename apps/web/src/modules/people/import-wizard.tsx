import { type FieldError, type ResidentImportReport, residentFileColumns } from "@linli/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Modal, Progress, Select, Space, Steps, Table, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, upload } from "../../api/client";
import { useCommunities } from "./people-api";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A refused cell as the wizard lists it: `rows.7.idNumber` → row 7, column 身份证号. */
export function refusedCell(error: FieldError): { row: string; column: string; reason: string } {
  const [, row = "", key = ""] = error.field.split(".");
  const column = residentFileColumns.find((candidate) => candidate.key === key)?.header ?? key;
  return { row: error.field.startsWith("rows.") ? row : "", column, reason: error.message };
}

type Stage =
  | { step: "file" }
  | { step: "uploading"; percent: number; dryRun: boolean }
  | { step: "refused"; errors: FieldError[] | null; message: string }
  | { step: "checked"; file: File; report: ResidentImportReport }
  | { step: "done"; report: ResidentImportReport };

/**
 * Import in three steps: choose the community and the filled-in template; the server checks every
 * row and names each refused cell (nothing is written); confirm, and it applies wholly.
 */
export function ImportWizard({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const communities = useCommunities();
  const [community, setCommunity] = useState<string | undefined>();
  const [stage, setStage] = useState<Stage>({ step: "file" });
  const chosen = community ?? (communities.length === 1 ? communities[0]?.code : undefined);

  const send = async (file: File, dryRun: boolean) => {
    setStage({ step: "uploading", percent: 0, dryRun });
    try {
      const report = await upload<ResidentImportReport>(
        `/api/communities/${chosen}/residents/file?dryRun=${dryRun}`,
        new Blob([file], { type: xlsx }),
        (percent) => setStage({ step: "uploading", percent, dryRun }),
      );
      if (dryRun) setStage({ step: "checked", file, report });
      else {
        setStage({ step: "done", report });
        await queryClient.invalidateQueries();
      }
    } catch (error) {
      const errors = error instanceof ApiError ? (error.problem?.errors ?? null) : null;
      setStage({ step: "refused", errors: errors?.length ? errors : null, message: errorMessage(error) });
    }
  };
  const current = stage.step === "file" || stage.step === "refused" ? 0 : stage.step === "done" ? 2 : 1;
  const close = () => {
    setStage({ step: "file" });
    onClose();
  };

  return (
    <Modal title={t("importWizard.title")} open={open} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Steps
        size="small"
        current={current}
        style={{ marginBottom: 16 }}
        items={[
          { title: t("importWizard.steps.file") },
          { title: t("importWizard.steps.check") },
          { title: t("importWizard.steps.done") },
        ]}
      />
      {(stage.step === "file" || stage.step === "refused") && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Select
            aria-label={t("importWizard.community")}
            placeholder={t("importWizard.community")}
            value={chosen}
            onChange={setCommunity}
            style={{ width: "100%" }}
            options={communities.map(({ code, name }) => ({ value: code, label: `${name}（${code}）` }))}
          />
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={!chosen}
            beforeUpload={(file) => {
              void send(file, true);
              return false;
            }}
          >
            <Button type="primary" disabled={!chosen}>
              {t("importWizard.file")}
            </Button>
          </Upload>
        </Space>
      )}
      {stage.step === "uploading" && (
        <div>
          <Progress percent={stage.percent} />
          <p>
            {stage.percent < 100
              ? t("importWizard.progress", { percent: stage.percent })
              : stage.dryRun
                ? t("importWizard.checking")
                : t("importWizard.importing")}
          </p>
        </div>
      )}
      {stage.step === "refused" && (
        <div id="import-refused" style={{ marginTop: 16 }}>
          <Alert type="error" showIcon title={stage.errors ? t("importWizard.refused") : stage.message} />
          {stage.errors && (
            <Table
              size="small"
              pagination={false}
              style={{ marginTop: 8 }}
              rowKey={(error) => `${error.field}-${error.code}`}
              dataSource={stage.errors}
              scroll={{ y: 320 }}
              columns={[
                { title: t("importWizard.row"), key: "row", width: 64, render: (_, error) => refusedCell(error).row },
                { title: t("importWizard.column"), key: "column", width: 140, render: (_, error) => refusedCell(error).column },
                { title: t("importWizard.reason"), key: "reason", render: (_, error) => refusedCell(error).reason },
              ]}
            />
          )}
        </div>
      )}
      {stage.step === "checked" && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Alert id="import-checked" type="info" showIcon title={t("importWizard.ready", stage.report)} />
          <Space>
            <Button type="primary" onClick={() => void send(stage.file, false)}>
              {t("importWizard.confirm")}
            </Button>
            <Button onClick={() => setStage({ step: "file" })}>{t("people.cancel")}</Button>
          </Space>
        </Space>
      )}
      {stage.step === "done" && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Alert id="import-done" type="success" showIcon title={t("importWizard.done", stage.report)} />
          <Button onClick={() => setStage({ step: "file" })}>{t("importWizard.again")}</Button>
        </Space>
      )}
    </Modal>
  );
}
