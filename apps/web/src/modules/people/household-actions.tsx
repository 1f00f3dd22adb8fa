import { type Household, type Resident, type ResidentPage, relations } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Checkbox, DatePicker, Form, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { useDwellingChoices, useResidents } from "./people-api";

const day = (value: Dayjs | undefined) => (value ?? dayjs()).format("YYYY-MM-DD");

/** A dialog whose form posts one household or resident operation, then refreshes what shows it. */
function OperationDialog<V extends object>({
  title,
  open,
  onClose,
  send,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  send: (values: V) => Promise<unknown>;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const run = useMutation({
    mutationFn: send,
    onSuccess: () => {
      onClose();
      return queryClient.invalidateQueries();
    },
  });
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      okText={t("people.save")}
      cancelText={t("people.cancel")}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" onFinish={(values) => run.mutate(values)}>
        {children}
        <Form.Item name="date" label={t("people.date")}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
      </Form>
      {run.isError && <Alert type="error" showIcon title={errorMessage(run.error)} />}
    </Modal>
  );
}

/** 迁入: into a dwelling of the caller's area, a household there or a new one. */
export function MoveInDialog({ resident, open, onClose }: { resident: Resident; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dwellings = useDwellingChoices();
  const [dwellingId, setDwellingId] = useState<string | undefined>();
  const living = useResidents({ dwellingId }, Boolean(dwellingId));
  const heads = (living.data?.pages.flatMap((page) => page.items) ?? []).filter((member) => member.relation === "head");
  return (
    <OperationDialog<{ dwellingId: string; householdId?: string; relation?: string; date?: Dayjs }>
      title={t("people.moveIn")}
      open={open}
      onClose={onClose}
      send={({ date, householdId, ...values }) =>
        api(`/api/residents/${resident.id}/move-in`, {
          method: "POST",
          body: { ...values, householdId: householdId === "new" ? undefined : householdId, date: day(date) },
        })
      }
    >
      <Form.Item name="dwellingId" label={t("people.dwelling")} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          onChange={setDwellingId}
          options={dwellings.data?.items.map((dwelling) => ({ value: dwelling.dwellingId, label: dwelling.address }))}
        />
      </Form.Item>
      <Form.Item name="householdId" label={t("people.household")} initialValue="new">
        <Select
          options={[
            { value: "new", label: t("people.newHousehold") },
            ...heads.map((head) => ({ value: head.householdId ?? "", label: t("people.joinHousehold", { head: head.name }) })),
          ]}
        />
      </Form.Item>
      <Form.Item name="relation" label={t("people.relation")} initialValue="head">
        <Select options={relations.map((relation) => ({ value: relation, label: t(`people.relations.${relation}`) }))} />
      </Form.Item>
    </OperationDialog>
  );
}

/** 分户: some members leave to form their own household, here or in another dwelling. */
export function SplitDialog({ household, open, onClose }: { household: Household; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dwellings = useDwellingChoices();
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <OperationDialog<{ memberIds: string[]; headId: string; dwellingId?: string; date?: Dayjs }>
      title={t("people.split")}
      open={open}
      onClose={onClose}
      send={({ date, ...values }) =>
        api(`/api/households/${household.id}/split`, { method: "POST", body: { ...values, date: day(date) } })
      }
    >
      <Form.Item name="memberIds" label={t("people.leaving")} rules={[{ required: true }]}>
        <Checkbox.Group
          onChange={(values) => setChosen(values as string[])}
          options={household.members.map((member) => ({ value: member.id, label: member.name }))}
        />
      </Form.Item>
      <Form.Item name="headId" label={t("people.newHead")} rules={[{ required: true }]}>
        <Select
          options={household.members
            .filter((member) => chosen.includes(member.id))
            .map((member) => ({ value: member.id, label: member.name }))}
        />
      </Form.Item>
      <Form.Item name="dwellingId" label={t("people.dwelling")} extra={t("people.sameDwelling")}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          options={dwellings.data?.items.map((dwelling) => ({ value: dwelling.dwellingId, label: dwelling.address }))}
        />
      </Form.Item>
    </OperationDialog>
  );
}

/** 合户: every member joins another household, found by one of its members' names. */
export function MergeDialog({
  household,
  open,
  onClose,
  onMerged,
}: {
  household: Household;
  open: boolean;
  onClose: () => void;
  onMerged: (into: Household) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["residents", "merge", q],
    enabled: q.length > 0,
    queryFn: () => api<ResidentPage>(`/api/residents?q=${encodeURIComponent(q)}&limit=20`),
  });
  const targets = (found.data?.items ?? []).filter((resident) => resident.householdId && resident.householdId !== household.id);
  return (
    <OperationDialog<{ intoHouseholdId: string; date?: Dayjs }>
      title={t("people.merge")}
      open={open}
      onClose={onClose}
      send={async ({ date, ...values }) =>
        onMerged(
          await api<Household>(`/api/households/${household.id}/merge`, { method: "POST", body: { ...values, date: day(date) } }),
        )
      }
    >
      <Form.Item name="intoHouseholdId" label={t("people.mergeInto")} rules={[{ required: true }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          loading={found.isFetching}
          options={targets.map((resident) => ({
            value: resident.householdId ?? "",
            label: `${resident.name} · ${resident.address}`,
          }))}
        />
      </Form.Item>
    </OperationDialog>
  );
}

/** The household's operations for someone with people.manage. */
export function HouseholdActions({ household, onMerged }: { household: Household; onMerged: (into: Household) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<"split" | "merge" | null>(null);
  if (household.endedAt) return null;
  return (
    <>
      <Button onClick={() => setOpen("split")}>{t("people.split")}</Button>{" "}
      <Button onClick={() => setOpen("merge")}>{t("people.merge")}</Button>
      <SplitDialog household={household} open={open === "split"} onClose={() => setOpen(null)} />
      <MergeDialog household={household} open={open === "merge"} onClose={() => setOpen(null)} onMerged={onMerged} />
    </>
  );
}
