import type { StaffCandidateList, StaffTerm } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Form, Input, Modal, Select } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";

type Values = { post: "grid_leader" | "grid_member"; userId: string; from: string };
const today = () => dayjs().format("YYYY-MM-DD");

/** Starts a term on a grid: its grid leader (one at a time) or one of its grid members. */
export function StaffDialog({
  grid,
  onClose,
}: {
  grid: { code: string; regionCode: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [shownOnFields, setShownOnFields] = useState(false);
  const candidates = useQuery({
    queryKey: ["staff-candidates", grid?.regionCode],
    queryFn: () => api<StaffCandidateList>(`/api/grid-staff/candidates?region=${grid?.regionCode}`),
    enabled: grid !== null,
  });
  const assign = useMutation({
    mutationFn: (values: Values) =>
      api<StaffTerm>("/api/grid-staff", {
        method: "POST",
        body: { ...values, regionCode: grid?.regionCode, gridCode: grid?.code },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["grid", grid?.code] }),
  });
  const submit = (values: Values) =>
    assign.mutate(values, {
      onSuccess: () => {
        form.resetFields();
        onClose();
      },
      onError: (error) => setShownOnFields(applyFieldErrors(form, error, ["post", "userId", "from"])),
    });
  return (
    <Modal
      open={grid !== null}
      title={t("grids.assignTitle", { name: grid?.name ?? "" })}
      okText={t("users.save")}
      cancelText={t("users.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      {(assign.isError && !shownOnFields) || candidates.isError ? (
        <Alert type="error" showIcon title={errorMessage(assign.error ?? candidates.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ post: "grid_member", from: today() }}
      >
        <Form.Item name="post" label={t("grids.post")}>
          <Select
            options={(["grid_leader", "grid_member"] as const).map((post) => ({ value: post, label: t(`grids.posts.${post}`) }))}
          />
        </Form.Item>
        <Form.Item name="userId" label={t("grids.person")} rules={[{ required: true }]} extra={t("grids.personHint")}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            loading={candidates.isLoading}
            options={(candidates.data?.items ?? []).map((person) => ({
              value: person.id,
              label: `${person.displayName}（${person.username}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="from" label={t("grids.from")} rules={[{ required: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
