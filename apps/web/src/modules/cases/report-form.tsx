import type { Category, CategoryQuestion, ReportCaseRequest, ReportedCase } from "@linli/contracts";
import { Alert, Button, Cascader, Form, Input, InputNumber, List, Result, Select, Space, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useCategories, useCompoundSearch, useDuplicates, useReportCase } from "./cases-api";
import { PhotoUpload } from "./photo-upload";

type Point = { longitude: number; latitude: number };
type Values = {
  category?: string[];
  description?: string;
  compoundId?: string;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  answers?: Record<string, string | number | string[]>;
};

const fields = [
  "categoryCode",
  "description",
  "compoundId",
  "address",
  "reporterName",
  "reporterPhone",
  "longitude",
  "regionCode",
];

/** The two-level categories as a cascader: class → sub-category, named in the interface language. */
export function categoryOptions(categories: readonly Category[], english: boolean) {
  const label = (category: Category) => (english ? category.nameEn : category.name);
  return categories
    .filter((category) => category.parentCode === null && category.active)
    .map((group) => ({
      value: group.code,
      label: label(group),
      children: categories
        .filter((category) => category.parentCode === group.code && category.active)
        .map((category) => ({ value: category.code, label: label(category) })),
    }));
}

function QuestionField({ question, english }: { question: CategoryQuestion; english: boolean }) {
  const label = english ? question.labelEn : question.label;
  const rules = question.required ? [{ required: true }] : [];
  const name = ["answers", question.code];
  if (question.datatype === "number")
    return (
      <Form.Item name={name} label={label} rules={rules}>
        <InputNumber style={{ width: "100%" }} />
      </Form.Item>
    );
  if (question.datatype.endsWith("valuelist"))
    return (
      <Form.Item name={name} label={label} rules={rules}>
        <Select
          mode={question.datatype === "multivaluelist" ? "multiple" : undefined}
          options={(question.values ?? []).map((value) => ({ value: value.key, label: value.name }))}
        />
      </Form.Item>
    );
  return (
    <Form.Item name={name} label={label} rules={rules}>
      {question.datatype === "text" ? <Input.TextArea rows={2} /> : <Input />}
    </Form.Item>
  );
}

/**
 * Reporting a problem (上报): what it is, where (a compound, the phone's location, an address),
 * photos; open cases of the same kind nearby are shown first. One column, so it fits a 360-px
 * phone. Anonymous reporters get a tracking code; a retry of a lost answer never makes two cases.
 */
export function ReportForm({ signedIn, onReported }: { signedIn: boolean; onReported?: (reported: ReportedCase) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const category = Form.useWatch("category", form);
  const categoryCode = category?.[1];
  const selected = categories.data?.items.find((item) => item.code === categoryCode);
  const [compoundText, setCompoundText] = useState("");
  const compounds = useCompoundSearch(compoundText);
  const [point, setPoint] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const duplicates = useDuplicates(categoryCode, point);
  const report = useReportCase(signedIn);
  const key = useRef(crypto.randomUUID());
  const [done, setDone] = useState<ReportedCase | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const locate = () => {
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setPoint({ longitude: position.coords.longitude, latitude: position.coords.latitude });
        setLocating(false);
      },
      () => {
        setFailure(t("cases.report.noLocation"));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const submit = (values: Values) => {
    setFailure(null);
    const body: ReportCaseRequest = {
      categoryCode: values.category?.[1] ?? "",
      description: values.description ?? "",
      address: values.address ?? "",
      answers: Object.fromEntries(Object.entries(values.answers ?? {}).filter(([, answer]) => answer !== undefined)),
      photoIds,
      ...(values.compoundId ? { compoundId: values.compoundId } : {}),
      ...(point ?? {}),
      ...(values.reporterName ? { reporterName: values.reporterName } : {}),
      ...(values.reporterPhone ? { reporterPhone: values.reporterPhone } : {}),
    };
    report.mutate(
      { body, key: key.current },
      {
        onSuccess: (reported) => {
          key.current = crypto.randomUUID();
          setDone(reported);
          onReported?.(reported);
        },
        onError: (error) => {
          const shown = applyFieldErrors(form, error, fields, (field) => (field === "categoryCode" ? "category" : field));
          if (!shown) setFailure(errorMessage(error));
        },
      },
    );
  };

  if (done)
    return (
      <Result
        status="success"
        title={t("cases.report.done", { number: done.case.number })}
        subTitle={
          signedIn ? undefined : (
            <Space direction="vertical">
              <span>{t("cases.report.trackingHint")}</span>
              <Typography.Text copyable strong style={{ fontSize: 20 }} data-testid="tracking-code">
                {done.trackingCode}
              </Typography.Text>
              <a href={`/track/${done.trackingCode}`}>{t("cases.report.follow")}</a>
            </Space>
          )
        }
        extra={
          <Button
            onClick={() => {
              setDone(null);
              setPhotoIds([]);
              setPoint(null);
              form.resetFields();
            }}
          >
            {t("cases.report.another")}
          </Button>
        }
      />
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 480 }} data-testid="report-form">
      <Form.Item name="category" label={t("cases.fields.category")} rules={[{ required: true }]}>
        <Cascader
          options={categoryOptions(categories.data?.items ?? [], english)}
          placeholder={t("cases.report.pickCategory")}
          showSearch
          data-testid="report-category"
        />
      </Form.Item>
      {selected?.questions.map((question) => (
        <QuestionField key={question.code} question={question} english={english} />
      ))}
      <Form.Item name="description" label={t("cases.fields.description")} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="compoundId" label={t("cases.fields.compound")} extra={t("cases.report.compoundHint")}>
        <Select
          showSearch
          allowClear
          filterOption={false}
          onSearch={setCompoundText}
          placeholder={t("cases.report.searchCompound")}
          notFoundContent={compoundText ? t("cases.report.noCompound") : null}
          options={(compounds.data?.items ?? []).map((item) => ({
            value: item.id,
            label: `${item.name}（${item.communityName}）`,
          }))}
          data-testid="report-compound"
        />
      </Form.Item>
      <Form.Item label={t("cases.fields.location")}>
        <Space wrap>
          <Button onClick={locate} loading={locating}>
            {t("cases.report.useLocation")}
          </Button>
          {point && (
            <Typography.Text type="secondary">
              {point.longitude.toFixed(5)}, {point.latitude.toFixed(5)}
            </Typography.Text>
          )}
        </Space>
      </Form.Item>
      <Form.Item name="address" label={t("cases.fields.address")}>
        <Input maxLength={200} placeholder={t("cases.report.addressHint")} />
      </Form.Item>
      {(duplicates.data?.items.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("cases.report.duplicates", { count: duplicates.data?.items.length })}
          description={
            <List
              size="small"
              dataSource={duplicates.data?.items ?? []}
              renderItem={(item) => (
                <List.Item>
                  {item.number} · {item.description} · {t("cases.report.metresAway", { metres: item.distanceMetres })}
                </List.Item>
              )}
            />
          }
        />
      )}
      <Form.Item label={t("cases.fields.photos")}>
        <PhotoUpload photoIds={photoIds} onChange={setPhotoIds} />
      </Form.Item>
      {!signedIn && (
        <>
          <Form.Item name="reporterName" label={t("cases.fields.reporterName")}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="reporterPhone" label={t("cases.fields.reporterPhone")} extra={t("cases.report.phoneHint")}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </>
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block loading={report.isPending}>
        {t("cases.report.submit")}
      </Button>
    </Form>
  );
}
