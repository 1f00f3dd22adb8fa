import type { CaseDetail, CaseTransition, PartyKind, TransitionRequest } from "@linli/contracts";
import { partyKinds } from "@linli/contracts";
import { Alert, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useHandlerCandidates, useOpenCasesOf, useTransition } from "./cases-api";
import { PhotoUpload } from "./photo-upload";

/** Steps whose note is required (a reason, or what was done). */
const noteRequired: readonly CaseTransition[] = ["reject", "reroute", "decline", "handle", "send_back", "reopen"];

type Values = { note?: string; partyKind?: PartyKind; partyName?: string; handlerUserId?: string; into?: string };

/** One step of a case: its note, and for dispatching the party and handler, for merging the case to merge into. */
export function TransitionDialog({
  detail,
  transition,
  onClose,
}: {
  detail: CaseDetail;
  transition: CaseTransition;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const step = useTransition(detail.id);
  const routing = transition === "dispatch" || transition === "reroute";
  const candidates = useHandlerCandidates(detail.id, routing);
  const openCases = useOpenCasesOf(detail.categoryCode, transition === "merge");
  const partyKind = Form.useWatch("partyKind", form) ?? detail.party?.kind;

  const submit = (values: Values) => {
    setFailure(null);
    const note = values.note?.trim() || undefined;
    const party =
      values.partyKind && (values.partyKind !== detail.party?.kind || values.partyName !== detail.party?.name)
        ? { kind: values.partyKind, name: values.partyName ?? "" }
        : undefined;
    const base = { version: detail.version, photoIds };
    const body = (
      transition === "merge"
        ? { ...base, transition, into: values.into, note }
        : routing
          ? {
              ...base,
              transition,
              note,
              ...(transition === "reroute" ? { party: party ?? detail.party } : party ? { party } : {}),
              ...(values.handlerUserId ? { handlerUserId: values.handlerUserId } : {}),
            }
          : { ...base, transition, note }
    ) as TransitionRequest;
    step.mutate(body, {
      onSuccess: onClose,
      onError: (error) => {
        if (!applyFieldErrors(form, error, ["note", "handlerUserId", "into"])) setFailure(errorMessage(error));
      },
    });
  };

  return (
    <Modal
      open
      title={t(`cases.transitions.${transition}`)}
      okText={t(`cases.transitions.${transition}`)}
      onOk={() => form.submit()}
      confirmLoading={step.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ partyKind: detail.party?.kind, partyName: detail.party?.name }}
        data-testid="transition-form"
      >
        {routing && (
          <>
            <Form.Item name="partyKind" label={t("cases.fields.partyKind")} rules={[{ required: true }]}>
              <Select options={partyKinds.map((kind) => ({ value: kind, label: t(`cases.parties.${kind}`) }))} />
            </Form.Item>
            <Form.Item name="partyName" label={t("cases.fields.partyName")} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="handlerUserId" label={t("cases.fields.handler")} extra={t("cases.dialog.handlerHint")}>
              <Select
                allowClear
                loading={candidates.isLoading}
                options={(candidates.data?.candidates ?? [])
                  .filter((candidate) => !partyKind || candidate.partyKinds.includes(partyKind))
                  .map((candidate) => ({ value: candidate.id, label: candidate.displayName }))}
              />
            </Form.Item>
          </>
        )}
        {transition === "merge" && (
          <Form.Item name="into" label={t("cases.fields.mergeInto")} rules={[{ required: true }]}>
            <Select
              loading={openCases.isLoading}
              options={(openCases.data?.items ?? [])
                .filter((item) => item.id !== detail.id)
                .map((item) => ({ value: item.id, label: `${item.number} · ${item.description}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t("cases.fields.note")} rules={[{ required: noteRequired.includes(transition) }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t("cases.fields.photos")}>
          <PhotoUpload photoIds={photoIds} onChange={setPhotoIds} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
