import type { CreateUserRequest, IssuedPassword, Role, Scope } from "@linli/contracts";
import { Alert, App, Button, Form, Input, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useAccountMutations } from "./account-api";
import { ScopeFields, type ScopeFormValues, scopeFieldOf, toScope } from "./scope-fields";

/** The roles the signed-in manager may grant (the server checks again). */
function RoleSelect(props: { grantable: readonly Role[]; value?: Role[]; onChange?: (roles: Role[]) => void }) {
  const { t } = useTranslation();
  const { grantable, ...rest } = props;
  return (
    <Select<Role[]>
      mode="multiple"
      allowClear
      {...rest}
      options={grantable.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      optionFilterProp="label"
    />
  );
}

type CreateFormValues = Omit<CreateUserRequest, "scope"> & ScopeFormValues;

/**
 * New account: username, name, roles, scope (by default the creator's own). On success hands the
 * one-time password to `onIssued`.
 */
export function CreateAccountDialog({
  open,
  grantable,
  defaultScope,
  onClose,
  onIssued,
}: {
  open: boolean;
  grantable: readonly Role[];
  defaultScope: Scope;
  onClose: () => void;
  onIssued: (issued: IssuedPassword) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateFormValues>();
  const { create } = useAccountMutations();
  // When the server named only this form's fields, its messages stand beside them instead.
  const [shownOnFields, setShownOnFields] = useState(false);
  const submit = ({ regions, grids, ...values }: CreateFormValues) =>
    create.mutate(
      { ...values, roles: values.roles ?? [], scope: toScope({ regions, grids }) },
      {
        onSuccess: (issued) => {
          form.resetFields();
          onIssued(issued);
        },
        onError: (error) =>
          setShownOnFields(applyFieldErrors(form, error, ["username", "displayName", "roles", "regions", "grids"], scopeFieldOf)),
      },
    );
  return (
    <Modal
      open={open}
      title={t("users.create")}
      okText={t("users.save")}
      cancelText={t("users.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {create.isError && !shownOnFields && (
        <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ regions: defaultScope.regions, grids: defaultScope.grids }}
      >
        <Form.Item name="username" label={t("users.username")} extra={t("users.usernameHint")} rules={[{ required: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t("users.displayName")} rules={[{ required: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="roles" label={t("users.roles")}>
          <RoleSelect grantable={grantable} />
        </Form.Item>
        <ScopeFields />
      </Form>
    </Modal>
  );
}

/** Replace an account's roles. */
export function RolesDialog({
  account,
  grantable,
  onClose,
}: {
  account: { id: string; displayName: string; roles: Role[] } | null;
  grantable: readonly Role[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const { setRoles } = useAccountMutations();
  return (
    <Modal
      open={account !== null}
      title={`${t("users.editRoles")} · ${account?.displayName ?? ""}`}
      okText={t("users.save")}
      cancelText={t("users.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={setRoles.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roles: account?.roles ?? [] }}
        onFinish={({ roles: chosen }) =>
          account &&
          setRoles.mutate(
            { id: account.id, roles: chosen ?? [] },
            {
              onSuccess: () => {
                void message.success(t("users.saved"));
                onClose();
              },
              onError: (error) => applyFieldErrors(form, error, ["roles"]) || void message.error(errorMessage(error)),
            },
          )
        }
      >
        <Form.Item name="roles" label={t("users.roles")}>
          <RoleSelect grantable={grantable} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Replace an account's scope: region prefixes and grids, inside the manager's own. */
export function ScopeDialog({
  account,
  onClose,
}: {
  account: { id: string; displayName: string; scope: Scope } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScopeFormValues>();
  const { setScope } = useAccountMutations();
  return (
    <Modal
      open={account !== null}
      title={`${t("users.editScope")} · ${account?.displayName ?? ""}`}
      okText={t("users.save")}
      cancelText={t("users.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={setScope.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ regions: account?.scope.regions ?? [], grids: account?.scope.grids ?? [] }}
        onFinish={(values) =>
          account &&
          setScope.mutate(
            { id: account.id, scope: toScope(values) },
            {
              onSuccess: () => {
                void message.success(t("users.saved"));
                onClose();
              },
              onError: (error) =>
                applyFieldErrors(form, error, ["regions", "grids"], scopeFieldOf) || void message.error(errorMessage(error)),
            },
          )
        }
      >
        <ScopeFields />
      </Form>
    </Modal>
  );
}

/** Shows a one-time password once, with a copy button. */
export function IssuedPasswordDialog({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={issued !== null}
      title={t("users.issuedTitle")}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("users.done")}
        </Button>
      }
    >
      <Typography.Paragraph>{t("users.issuedHint", { name: issued?.user.displayName ?? "" })}</Typography.Paragraph>
      <Typography.Paragraph>
        {t("users.username")}: <Typography.Text strong>{issued?.user.username}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: issued?.password ?? "", tooltips: [t("users.copy"), t("users.copied")] }}>
        {t("login.password")}:{" "}
        <Typography.Text code strong data-testid="issued-password">
          {issued?.password}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
