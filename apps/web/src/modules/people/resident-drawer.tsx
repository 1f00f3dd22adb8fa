import {
  type CurrentUser,
  type FieldChange,
  type RegisterEntryList,
  type Resident,
  type ResidentEvent,
  type Revealed,
  registerPermission,
  registers,
} from "@linli/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Modal, Space, Spin, Tag, Timeline } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { CorrectionForm } from "./correction-form";
import { HouseholdActions, MoveInDialog } from "./household-actions";
import { useHousehold, useResident } from "./people-api";
import { RegisterRecordDialog } from "./register-record-dialog";

/** A field change as one line: `手机号：— → 138****1234`. */
export function ChangeLine({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const show = (value: unknown) => {
    if (value === null || value === undefined || value === "") return "—";
    if (Array.isArray(value)) return value.map((tag) => t(`people.tagNames.${tag}`)).join("、") || "—";
    const coded: Record<string, string> = {
      gender: "genders",
      registration: "registrations",
      relation: "relations",
      politicalStatus: "politicalStatuses",
      livingStatus: "livingStatuses",
    };
    const group = coded[change.field];
    return group ? t(`people.${group}.${value}`) : String(value);
  };
  return (
    <div>
      {t(`people.fields.${change.field}`, { defaultValue: change.field })}：{show(change.from)} → {show(change.to)}
    </div>
  );
}

export function History({ events }: { events: ResidentEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      items={events.map((event) => ({
        key: event.id,
        content: (
          <div>
            <strong>{t(`people.events.${event.kind}`)}</strong> {event.residentName && `· ${event.residentName}`}{" "}
            <span style={{ color: "#888" }}>
              {event.effectiveDate ?? formatDateTime(event.occurredAt)} ·{" "}
              {event.approvedBy
                ? t("people.approvedBy", { actor: event.actor, approver: event.approvedBy })
                : t("people.by", { actor: event.actor ?? "—" })}
            </span>
            {event.changes
              .filter((change) => change.field !== "householdId")
              .map((change) => (
                <ChangeLine key={change.field} change={change} />
              ))}
            {event.note && <div style={{ color: "#888" }}>{event.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** Asks for the purpose, then calls `open` with it: reveals and register openings are audited with it. */
function ReasonDialog({
  title,
  hint,
  open,
  onClose,
}: {
  title: string;
  hint: string;
  open: ((reason: string) => Promise<void>) | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title={title}
      open={open !== null}
      onCancel={onClose}
      okText={t("people.submit")}
      cancelText={t("people.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <p>{hint}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          setBusy(true);
          try {
            await open?.(reason);
            onClose();
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="reason" label={t("people.reason")} rules={[{ required: true, min: 4 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One resident: their record (masked), history, household; reveal and registers for those allowed. */
export function ResidentDrawer({ id, user, onClose }: { id: string | null; user: CurrentUser; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const resident = useResident(id);
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [entries, setEntries] = useState<RegisterEntryList | null>(null);
  const [asking, setAsking] = useState<"reveal" | "registers" | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [moving, setMoving] = useState(false);
  const [recording, setRecording] = useState(false);
  const canReveal = user.permissions.includes("people.reveal");
  const readable = registers.filter((register) => user.permissions.includes(registerPermission(register)));
  const readsRegisters = readable.length > 0;
  const recordsRegisters = readsRegisters && user.permissions.includes("registers.manage");
  const canManage = user.permissions.includes("people.manage");
  const canCorrect = canManage || user.permissions.includes("people.collect");
  const leave = useMutation({
    mutationFn: (kind: "move-out" | "death") =>
      api<Resident>(`/api/residents/${id}/${kind}`, { method: "POST", body: { date: new Date().toISOString().slice(0, 10) } }),
    onSuccess: () => queryClient.invalidateQueries(),
    onError: (error) => void message.error(errorMessage(error)),
  });
  const close = () => {
    setRevealed(null);
    setEntries(null);
    onClose();
  };
  const detail = resident.data;
  return (
    <Drawer title={detail?.name ?? ""} open={id !== null} onClose={close} size="large" destroyOnHidden>
      {resident.isLoading && <Spin />}
      {resident.isError && <Alert type="error" showIcon title={errorMessage(resident.error)} />}
      {detail && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("people.idNumber")}>{revealed?.idNumber ?? detail.idNumber ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("people.phone")}>{revealed?.phone ?? detail.phone ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("people.gender")}>
              {detail.gender ? t(`people.genders.${detail.gender}`) : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("people.birthDate")}>
              {detail.birthDate ?? "—"} {detail.age !== null && `（${detail.age}）`}
            </Descriptions.Item>
            <Descriptions.Item label={t("people.ethnicity")}>{detail.ethnicity ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("people.registration")}>
              {t(`people.registrations.${detail.registration}`)} {detail.homeRegionCode ?? ""}
            </Descriptions.Item>
            <Descriptions.Item label={t("people.politicalStatus")}>
              {detail.politicalStatus ? t(`people.politicalStatuses.${detail.politicalStatus}`) : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("people.dwelling")}>{detail.address || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("people.relation")}>
              {detail.relation ? t(`people.relations.${detail.relation}`) : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("people.livingStatus")}>
              {t(`people.livingStatuses.${detail.livingStatus}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("people.tags")}>
              {detail.tags.map((tag) => (
                <Tag key={tag}>{t(`people.tagNames.${tag}`)}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          {revealed && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t("people.revealed")} />}
          <Space wrap style={{ marginTop: 12 }}>
            {detail.householdId && (
              <Button onClick={() => setHouseholdId(detail.householdId)}>{t("people.viewHousehold")}</Button>
            )}
            {canCorrect && <Button onClick={() => setCorrecting(true)}>{t("people.correct")}</Button>}
            {canReveal && <Button onClick={() => setAsking("reveal")}>{t("people.reveal")}</Button>}
            {readsRegisters && <Button onClick={() => setAsking("registers")}>{t("people.registers")}</Button>}
            {recordsRegisters && <Button onClick={() => setRecording(true)}>{t("registerForm.title")}</Button>}
            {canManage && detail.livingStatus !== "deceased" && (
              <Button onClick={() => setMoving(true)}>{t("people.moveIn")}</Button>
            )}
            {canManage && detail.livingStatus !== "deceased" && detail.livingStatus !== "moved_out" && (
              <>
                <Button onClick={() => leave.mutate("move-out")}>{t("people.moveOut")}</Button>
                <Button danger onClick={() => leave.mutate("death")}>
                  {t("people.death")}
                </Button>
              </>
            )}
          </Space>
          {entries && (
            <div data-testid="register-entries" style={{ marginTop: 12 }}>
              {entries.items.length === 0 ? (
                <Empty description={t("people.noRegisters")} />
              ) : (
                entries.items.map((entry) => (
                  <Alert
                    key={entry.id}
                    type="info"
                    style={{ marginBottom: 8 }}
                    title={t(`registerNames.${entry.register}`)}
                    description={`${entry.startDate} · ${t(`registersPage.frequencies.${entry.visitFrequency}`)} · ${entry.responsible}`}
                  />
                ))
              )}
            </div>
          )}
          <h4 style={{ marginTop: 24 }}>{t("people.history")}</h4>
          <History events={detail.history} />
        </>
      )}
      <ReasonDialog
        title={asking === "reveal" ? t("people.revealTitle") : t("people.registersTitle")}
        hint={asking === "reveal" ? t("people.revealHint") : t("people.registersHint")}
        open={
          asking === "reveal"
            ? async (reason) =>
                setRevealed(
                  await api<Revealed>(`/api/residents/${id}/reveal`, {
                    method: "POST",
                    body: { fields: ["idNumber", "phone"], reason },
                  }),
                )
            : asking === "registers"
              ? async (reason) =>
                  setEntries(await api<RegisterEntryList>(`/api/residents/${id}/registers?reason=${encodeURIComponent(reason)}`))
              : null
        }
        onClose={() => setAsking(null)}
      />
      <HouseholdDrawer id={householdId} canManage={canManage} onClose={() => setHouseholdId(null)} />
      {detail && <MoveInDialog resident={detail} open={moving} onClose={() => setMoving(false)} />}
      {detail && recordsRegisters && (
        <RegisterRecordDialog
          residentId={detail.id}
          registers={readable}
          open={recording}
          onClose={() => {
            setRecording(false);
            setEntries(null);
          }}
        />
      )}
      <Modal
        title={t("people.correct")}
        open={correcting && detail !== undefined}
        onCancel={() => setCorrecting(false)}
        footer={null}
        destroyOnHidden
      >
        {detail && (
          <CorrectionForm
            resident={detail}
            direct={canManage}
            onDone={() => {
              setCorrecting(false);
              void message.success(t(canManage ? "people.saved" : "people.submitted"));
            }}
          />
        )}
      </Modal>
    </Drawer>
  );
}

export function HouseholdDrawer({ id, canManage, onClose }: { id: string | null; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  // After a merge the drawer follows the members into the household they joined.
  const [followed, setFollowed] = useState<string | null>(null);
  const household = useHousehold(id === null ? null : (followed ?? id));
  return (
    <Drawer
      title={household.data?.address ?? t("people.household")}
      open={id !== null}
      onClose={() => {
        setFollowed(null);
        onClose();
      }}
      size="large"
    >
      {household.isError && <Alert type="error" showIcon title={errorMessage(household.error)} />}
      {household.data && (
        <>
          <h4>{t("people.members")}</h4>
          <ul data-testid="household-members">
            {household.data.members.map((member) => (
              <li key={member.id}>
                {member.name} · {member.relation ? t(`people.relations.${member.relation}`) : "—"} ·{" "}
                {t(`people.livingStatuses.${member.livingStatus}`)}
              </li>
            ))}
          </ul>
          {canManage && <HouseholdActions household={household.data} onMerged={(into) => setFollowed(into.id)} />}
          <h4 style={{ marginTop: 16 }}>{t("people.history")}</h4>
          <History events={household.data.history} />
        </>
      )}
    </Drawer>
  );
}
