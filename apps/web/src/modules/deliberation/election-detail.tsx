import type { Election } from "@linli/contracts";
import { Alert, Button, Card, Checkbox, Descriptions, Input, Select, Space, Spin, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../ui/format";
import { ClosePoll, EarlyCloseNote } from "./close-poll";
import {
  useAddVoters,
  useCloseElection,
  useElection,
  useElectionBallot,
  useElectionRoll,
  useImportRoll,
  useIssuePaperBallot,
  useOpenElection,
} from "./deliberation-api";
import { OpenPoll } from "./open-poll";

const outcomeColour = {
  elected: "green",
  tied: "orange",
  not_elected: "default",
  short_of_majority: "default",
  no_quorum: "red",
} as const;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** A ballot: for each position, at most its seats of its candidates. Used on the phone and for paper ballots. */
export function BallotForm({ election, paper }: { election: Election; paper: boolean }) {
  const { t } = useTranslation();
  const cast = useElectionBallot(election.id);
  const [choices, setChoices] = useState<Record<string, string[]>>({});
  // An owners' paper ballot is weighed by the owner it was handed to.
  const weighed = paper && election.counting === "owners";
  const roll = useElectionRoll(election.id, weighed);
  const [voterId, setVoterId] = useState<string | undefined>();
  return (
    <Card
      size="small"
      title={paper ? t("deliberation.election.paperBallot") : t("deliberation.election.myBallot")}
      data-testid="ballot"
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        {weighed && (
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: "100%" }}
            value={voterId}
            onChange={setVoterId}
            aria-label={t("deliberation.election.paperOwner")}
            placeholder={t("deliberation.election.paperOwner")}
            options={(roll.data?.items ?? [])
              .filter((entry) => entry.channel === "paper")
              .map((entry) => ({ value: entry.id, label: `${entry.rollNumber} ${entry.name}` }))}
          />
        )}
        {election.positions.map((position) => (
          <div key={position.id}>
            <Typography.Text strong>
              {position.name}（{t("deliberation.election.chooseUpTo", { seats: position.seats })}）
            </Typography.Text>
            <Checkbox.Group
              style={{ display: "flex", flexWrap: "wrap", gap: 8, marginTop: 4 }}
              value={choices[position.id] ?? []}
              onChange={(value) => setChoices({ ...choices, [position.id]: value as string[] })}
              options={position.candidates.map((candidate) => ({
                value: candidate.id,
                label: candidate.name,
                disabled: (choices[position.id]?.length ?? 0) >= position.seats && !choices[position.id]?.includes(candidate.id),
              }))}
            />
          </div>
        ))}
        <Button
          type="primary"
          block
          loading={cast.isPending}
          disabled={weighed && !voterId}
          onClick={() =>
            cast.mutate(
              { choices, paper, ...(weighed && voterId ? { voterId } : {}) },
              {
                onSuccess: () => {
                  setChoices({});
                  setVoterId(undefined);
                },
              },
            )
          }
        >
          {paper ? t("deliberation.election.enterPaper") : t("deliberation.election.castBallot")}
        </Button>
        {cast.isError && <Alert type="error" showIcon title={errorMessage(cast.error)} />}
        {cast.isSuccess && <Alert type="success" showIcon title={t("deliberation.election.ballotIn")} />}
      </Space>
    </Card>
  );
}

function Roll({ election }: { election: Election }) {
  const { t } = useTranslation();
  const roll = useElectionRoll(election.id, true);
  const add = useAddVoters(election.id);
  const issue = useIssuePaperBallot(election.id);
  const importRoll = useImportRoll(election.id);
  const [members, setMembers] = useState("");
  const parsed = members
    .split("\n")
    .map((line) => line.trim().split(/[\s,，、]+/))
    .filter((parts) => parts.length >= 2 && parts[0] && parts[1])
    .map(([rollNumber, name]) => ({ rollNumber: rollNumber as string, name: name as string }));
  return (
    <Card
      size="small"
      title={t("deliberation.election.roll", { roll: election.roll, voted: election.voted })}
      extra={<Button href={`/api/elections/${election.id}/roll/export`}>{t("deliberation.export")}</Button>}
    >
      {election.status === "draft" && election.counting === "owners" && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t("deliberation.election.ownersRoll")} />
      )}
      {election.status === "draft" && election.counting !== "owners" && (
        <Space direction="vertical" style={{ width: "100%", marginBottom: 8 }}>
          <Input.TextArea
            aria-label={t("deliberation.election.members")}
            placeholder={t("deliberation.election.membersHint")}
            autoSize={{ minRows: 2 }}
            value={members}
            onChange={(event) => setMembers(event.target.value)}
          />
          <Space wrap>
            <Button
              disabled={parsed.length === 0}
              loading={add.isPending}
              onClick={() => add.mutate({ members: parsed }, { onSuccess: () => setMembers("") })}
            >
              {t("deliberation.election.addMembers", { count: parsed.length })}
            </Button>
            <Button loading={add.isPending} onClick={() => add.mutate({ drawAdultsOf: "community" })}>
              {t("deliberation.election.drawAdults")}
            </Button>
          </Space>
          <Upload
            accept=".xlsx,.csv"
            showUploadList={false}
            beforeUpload={(file) => {
              importRoll.mutate(file);
              return false;
            }}
          >
            <Button loading={importRoll.isPending}>{t("deliberation.election.importRoll")}</Button>
          </Upload>
          {(add.data ?? importRoll.data) && (
            <Alert type="info" showIcon title={t("deliberation.election.rollReport", add.data ?? importRoll.data)} />
          )}
          {(add.isError || importRoll.isError) && (
            <Alert type="error" showIcon title={errorMessage(add.error ?? importRoll.error)} />
          )}
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={roll.isLoading}
        dataSource={roll.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t("deliberation.election.rollNumber"), dataIndex: "rollNumber", width: 100 },
          { title: t("deliberation.election.voter"), dataIndex: "name" },
          {
            title: t("deliberation.election.voted"),
            render: (_, row) =>
              row.voted ? (
                <Tag color="green">{t(`deliberation.election.channels.${row.channel}`)}</Tag>
              ) : election.status === "open" ? (
                <Button size="small" loading={issue.isPending} onClick={() => issue.mutate(row.id)}>
                  {t("deliberation.election.issuePaper")}
                </Button>
              ) : (
                "—"
              ),
          },
        ]}
      />
      {issue.isError && <Alert type="error" showIcon title={errorMessage(issue.error)} />}
    </Card>
  );
}

function QuorumTag({ met }: { met: boolean }) {
  const { t } = useTranslation();
  return <Tag color={met ? "green" : "red"}>{met ? t("deliberation.tally.met") : t("deliberation.tally.notMet")}</Tag>;
}

/** The result sheet: printable, and downloadable as a workbook. */
function ResultSheet({ election }: { election: Election }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      className="printable"
      title={`${election.organisation} ${election.title} ${t("deliberation.election.resultSheet")}`}
      extra={
        <Space className="no-print">
          <Button onClick={() => window.print()}>{t("deliberation.election.print")}</Button>
          <Button href={`/api/elections/${election.id}/result/export`}>{t("deliberation.export")}</Button>
        </Space>
      }
      data-testid="result-sheet"
    >
      {election.earlyClose && <EarlyCloseNote record={election.earlyClose} />}
      {election.quorum && (
        <Descriptions size="small" column={1} bordered style={{ margin: "8px 0" }}>
          <Descriptions.Item label={t("deliberation.tally.quorumArea")}>
            {`${election.quorum.area.part} / ${election.quorum.area.whole} m²（${percent(election.quorum.area.part, election.quorum.area.whole)}%）`}{" "}
            <QuorumTag met={election.quorum.area.met} />
          </Descriptions.Item>
          <Descriptions.Item label={t("deliberation.tally.quorumOwners")}>
            {`${election.quorum.owners.part} / ${election.quorum.owners.whole}`} <QuorumTag met={election.quorum.owners.met} />
          </Descriptions.Item>
          {election.threshold && (
            <Descriptions.Item label={t("deliberation.election.threshold")}>
              {t("deliberation.election.thresholdLine", {
                share: `${election.threshold.strict ? ">" : "≥"} ${election.threshold.numerator}/${election.threshold.denominator}`,
              })}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {election.positions.map((position) => (
        <div key={position.id} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            {t("deliberation.election.positionLine", {
              name: position.name,
              seats: position.seats,
              ballots: position.count?.ballots ?? 0,
              elected: position.count?.elected ?? 0,
            })}
          </Typography.Text>
          {(position.count?.tiedSeats ?? 0) > 0 && (
            <Alert type="warning" showIcon title={t("deliberation.election.tieWarning", { seats: position.count?.tiedSeats })} />
          )}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={position.candidates}
            columns={[
              { title: t("deliberation.election.candidate"), dataIndex: "name" },
              { title: t("deliberation.election.votes"), dataIndex: "votes", width: 80 },
              ...(election.counting === "owners"
                ? [
                    {
                      title: t("deliberation.election.area"),
                      width: 100,
                      render: (_: unknown, row: { area: number | null }) => row.area ?? "—",
                    },
                  ]
                : []),
              {
                title: t("deliberation.election.outcome"),
                width: 200,
                render: (_, row) =>
                  row.outcome && (
                    <Tag color={outcomeColour[row.outcome]}>{t(`deliberation.election.outcomes.${row.outcome}`)}</Tag>
                  ),
              },
            ]}
          />
        </div>
      ))}
      <Typography.Text type="secondary">{t("deliberation.election.signatures")}</Typography.Text>
    </Card>
  );
}

/** An election: set-up, roll, the poll, the count. Residents on the roll see their ballot. */
export function ElectionDetail({ id, organiser, voter }: { id: string; organiser: boolean; voter: boolean }) {
  const { t } = useTranslation();
  const election = useElection(id);
  const open = useOpenElection(id);
  const close = useCloseElection(id);
  if (election.isLoading) return <Spin />;
  if (election.isError || !election.data) return <Alert type="error" showIcon title={errorMessage(election.error)} />;
  const item = election.data;
  const failure = open.error ?? close.error;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="election-detail">
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 96, whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("deliberation.election.organisation")}>{item.organisation}</Descriptions.Item>
        <Descriptions.Item label={t("deliberation.election.counting")}>
          {t(`deliberation.election.countings.${item.counting}`)}
          {item.rollArea !== null && ` · ${t("deliberation.election.rollArea", { area: item.rollArea })}`}
        </Descriptions.Item>
        <Descriptions.Item label={t("deliberation.meeting.status")}>
          <Tag>{t(`deliberation.election.statuses.${item.status}`)}</Tag>
          {item.closesAt && `${t("deliberation.motion.closesAt")} ${formatDateTime(item.closesAt)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t("deliberation.election.positions")}>
          {item.positions
            .map((position) => `${position.name} ${position.seats}${t("deliberation.election.seatsUnit")}`)
            .join("、")}
        </Descriptions.Item>
        {item.status !== "draft" && (
          <Descriptions.Item label={t("deliberation.election.box")}>
            {t("deliberation.election.boxLine", {
              ballots: item.ballots,
              issued: item.paperBallotsIssued,
              entered: item.paperBallotsEntered,
            })}
          </Descriptions.Item>
        )}
      </Descriptions>
      {organiser && item.status === "draft" && (
        <OpenPoll
          days={1}
          label={t("deliberation.election.open")}
          loading={open.isPending}
          onOpen={(closesAt) => open.mutate({ version: item.version, closesAt })}
        />
      )}
      {voter && item.status === "open" && item.myVote?.onRoll && !item.myVote.voted && (
        <BallotForm election={item} paper={false} />
      )}
      {voter && item.myVote?.voted && <Alert type="success" showIcon title={t("deliberation.election.youVoted")} />}
      {organiser && item.status === "open" && <BallotForm election={item} paper />}
      {organiser && item.status === "open" && (
        <ClosePoll
          closesAt={item.closesAt}
          label={t("deliberation.election.close")}
          loading={close.isPending}
          onClose={(earlyClose) => close.mutate({ version: item.version, ...(earlyClose ? { earlyClose } : {}) })}
        />
      )}
      {failure && <Alert type="error" showIcon title={errorMessage(failure)} />}
      {item.status === "closed" && <ResultSheet election={item} />}
      {organiser && <Roll election={item} />}
    </Space>
  );
}
