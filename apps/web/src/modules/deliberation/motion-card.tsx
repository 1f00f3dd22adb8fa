import { article278Items, ballotChoices, type Motion, type TallyView } from "@linli/contracts";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { ClosePoll, EarlyCloseNote } from "./close-poll";
import { useCastBallot, useCloseMotion, useOpenMotion, useOwnerRoll } from "./deliberation-api";
import { OpenPoll } from "./open-poll";

const ownersRule = (rule: Motion["rule"]) => rule === "owners_ordinary" || rule === "owners_special";
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** The count of a closed motion: the quorum and both majorities, each with its fraction and whether it was met. */
export function TallyTable({ tally }: { tally: TallyView }) {
  const { t } = useTranslation();
  const met = (ok: boolean) => (
    <Tag color={ok ? "green" : "red"}>{ok ? t("deliberation.tally.met") : t("deliberation.tally.notMet")}</Tag>
  );
  if (tally.hands)
    return (
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("deliberation.tally.hands")}>
          {t("deliberation.tally.handsCounts", tally.hands)}
        </Descriptions.Item>
        <Descriptions.Item label={t("deliberation.tally.threshold")}>
          {`${tally.hands.threshold.strict ? ">" : "≥"} ${tally.hands.threshold.numerator}/${tally.hands.threshold.denominator}`}{" "}
          {met(tally.hands.majority.met)}
        </Descriptions.Item>
      </Descriptions>
    );
  const special = tally.rule === "owners_special";
  const rows = [
    { key: "quorumArea", label: t("deliberation.tally.quorumArea"), need: "≥ 2/3", value: tally.quorum?.area, unit: "m²" },
    { key: "quorumOwners", label: t("deliberation.tally.quorumOwners"), need: "≥ 2/3", value: tally.quorum?.owners, unit: "" },
    {
      key: "majorityArea",
      label: t("deliberation.tally.majorityArea"),
      need: special ? "≥ 3/4" : "> 1/2",
      value: tally.majority?.area,
      unit: "m²",
    },
    {
      key: "majorityOwners",
      label: t("deliberation.tally.majorityOwners"),
      need: special ? "≥ 3/4" : "> 1/2",
      value: tally.majority?.owners,
      unit: "",
    },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      columns={[
        { title: t("deliberation.tally.test"), dataIndex: "label" },
        { title: t("deliberation.tally.needed"), dataIndex: "need", width: 80 },
        {
          title: t("deliberation.tally.reached"),
          render: (_, row) =>
            row.value
              ? `${row.value.part}${row.unit} / ${row.value.whole}${row.unit}（${share(row.value.part, row.value.whole)}%）`
              : "—",
        },
        { title: "", width: 80, render: (_, row) => (row.value ? met(row.value.met) : null) },
      ]}
    />
  );
}

/** Staff record a numbered paper ballot for one dwelling's owner. */
function PaperBallot({ motion }: { motion: Motion }) {
  const { t } = useTranslation();
  const roll = useOwnerRoll(motion.compoundId);
  const cast = useCastBallot(motion.id);
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(values) => cast.mutate(values, { onSuccess: () => form.resetFields() })}
      style={{ rowGap: 8 }}
    >
      <Form.Item name="dwellingId" rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 220 }}
          aria-label={t("deliberation.ballot.dwelling")}
          placeholder={t("deliberation.ballot.dwelling")}
          options={(roll.data?.dwellings ?? []).map((dwelling) => ({
            value: dwelling.dwellingId,
            label: `${dwelling.label} ${dwelling.owners.map((owner) => owner.name).join("、")}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="paperNumber" rules={[{ required: true, max: 32 }]}>
        <Input
          style={{ width: 120 }}
          aria-label={t("deliberation.ballot.paperNumber")}
          placeholder={t("deliberation.ballot.paperNumber")}
        />
      </Form.Item>
      <Form.Item name="choice" rules={[{ required: true }]}>
        <Radio.Group options={ballotChoices.map((value) => ({ value, label: t(`deliberation.choices.${value}`) }))} />
      </Form.Item>
      <Button htmlType="submit" loading={cast.isPending}>
        {t("deliberation.ballot.record")}
      </Button>
      {cast.isError && <Alert type="error" showIcon title={errorMessage(cast.error)} />}
      {cast.isSuccess && <Typography.Text type="success">{t("deliberation.ballot.recorded")}</Typography.Text>}
    </Form>
  );
}

/** A resident's own vote on the phone. */
function MyVote({ motion }: { motion: Motion }) {
  const { t } = useTranslation();
  const cast = useCastBallot(motion.id);
  const [choice, setChoice] = useState<string | undefined>(motion.myBallot?.choice ?? undefined);
  if (!motion.myBallot?.eligible) return <Alert type="info" showIcon title={t("deliberation.ballot.notOnRoll")} />;
  const voted = motion.myBallot.choice;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {voted && (
        <Alert
          type="success"
          showIcon
          title={t("deliberation.ballot.youVoted", { choice: t(`deliberation.choices.${voted}`) })}
        />
      )}
      {(!voted || motion.revote === "replace") && (
        <>
          <Radio.Group
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            optionType="button"
            buttonStyle="solid"
            options={ballotChoices.map((value) => ({ value, label: t(`deliberation.choices.${value}`) }))}
          />
          <Button
            type="primary"
            block
            disabled={!choice}
            loading={cast.isPending}
            onClick={() => cast.mutate({ choice: choice as "for" })}
          >
            {voted ? t("deliberation.ballot.change") : t("deliberation.ballot.vote")}
          </Button>
        </>
      )}
      {cast.isError && <Alert type="error" showIcon title={errorMessage(cast.error)} />}
    </Space>
  );
}

/** A motion: its rule, the poll's state, live participation while open, the tally once closed. */
export function MotionCard({ motion, organiser, voter }: { motion: Motion; organiser: boolean; voter: boolean }) {
  const { t } = useTranslation();
  const open = useOpenMotion(motion.id);
  const close = useCloseMotion(motion.id);
  const [hands, setHands] = useState({ for: 0, against: 0, abstain: 0 });
  const owners = ownersRule(motion.rule);
  const failure = open.error ?? close.error;
  return (
    <Card
      size="small"
      data-testid="motion"
      title={motion.title}
      extra={
        <Tag
          color={motion.status === "open" ? "blue" : motion.status === "closed" ? (motion.passed ? "green" : "red") : "default"}
        >
          {motion.status === "closed"
            ? motion.passed
              ? t("deliberation.motion.passed")
              : t("deliberation.motion.failed")
            : t(`deliberation.motion.statuses.${motion.status}`)}
        </Tag>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">
          {t(`deliberation.matters.${motion.matter}`)}
          {article278Items[motion.matter] !== null &&
            t("deliberation.motion.article", { item: t(`deliberation.article278.${article278Items[motion.matter]}`) })}
          {" · "}
          {t(`deliberation.rules.${motion.rule}`)}
          {motion.threshold && ` ${motion.threshold.numerator}/${motion.threshold.denominator}`}
          {motion.closesAt && ` · ${t("deliberation.motion.closesAt")} ${formatDateTime(motion.closesAt)}`}
        </Typography.Text>
        {motion.body && <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{motion.body}</Typography.Paragraph>}
        {organiser && motion.status === "draft" && (
          <OpenPoll
            days={7}
            label={t("deliberation.motion.open")}
            loading={open.isPending}
            onOpen={(closesAt) => open.mutate({ version: motion.version, closesAt })}
          />
        )}
        {motion.status === "open" && motion.participation && (
          <div data-testid="participation">
            <Typography.Text>
              {t("deliberation.motion.participation", {
                owners: motion.participation.owners,
                rollOwners: motion.participation.rollOwners,
                area: motion.participation.area,
                rollArea: motion.participation.rollArea,
              })}
            </Typography.Text>
            <Progress percent={share(motion.participation.area, motion.participation.rollArea)} size="small" />
            <Typography.Text type="secondary">{t("deliberation.motion.quorumNote")}</Typography.Text>
          </div>
        )}
        {voter && motion.status === "open" && owners && <MyVote motion={motion} />}
        {organiser && motion.status === "open" && owners && <PaperBallot motion={motion} />}
        {organiser && motion.status === "open" && (
          <Space wrap>
            {!owners &&
              (["for", "against", "abstain"] as const).map((key) => (
                <InputNumber
                  key={key}
                  min={0}
                  aria-label={t(`deliberation.choices.${key}`)}
                  addonBefore={t(`deliberation.choices.${key}`)}
                  value={hands[key]}
                  onChange={(value) => setHands({ ...hands, [key]: value ?? 0 })}
                />
              ))}
            <ClosePoll
              closesAt={motion.closesAt}
              label={t("deliberation.motion.close")}
              loading={close.isPending}
              onClose={(earlyClose) =>
                close.mutate({ version: motion.version, ...(owners ? {} : { hands }), ...(earlyClose ? { earlyClose } : {}) })
              }
            />
          </Space>
        )}
        {motion.status === "closed" && motion.tally && <TallyTable tally={motion.tally} />}
        {motion.earlyClose && <EarlyCloseNote record={motion.earlyClose} />}
        {motion.ruleCorrection && (
          <Alert
            type="info"
            showIcon
            data-testid="rule-correction"
            title={t(`deliberation.ruleCorrections.${motion.ruleCorrection.code}`)}
            description={
              motion.ruleCorrection.passedUnderCorrectedRule === null
                ? undefined
                : t("deliberation.ruleCorrections.underCorrectedRule", {
                    outcome: t(
                      motion.ruleCorrection.passedUnderCorrectedRule
                        ? "deliberation.motion.passed"
                        : "deliberation.motion.failed",
                    ),
                  })
            }
          />
        )}
        {motion.resolutionId && <Tag color="gold">{t("deliberation.motion.becameResolution")}</Tag>}
        {failure && <Alert type="error" showIcon title={errorMessage(failure)} />}
      </Space>
    </Card>
  );
}
