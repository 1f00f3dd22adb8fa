import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { CaseService } from "./modules/cases/case.service.js";
import { CaseEscalationService } from "./modules/cases/case-escalation.service.js";
import { CaseEvaluationService } from "./modules/cases/case-evaluation.service.js";
import { CasePhotoService } from "./modules/cases/case-photo.service.js";
import { CaseWorkflowService } from "./modules/cases/case-workflow.service.js";
import { CategoryService } from "./modules/cases/category.service.js";
import { NotificationService } from "./modules/cases/notification.service.js";
import { ElectionService } from "./modules/deliberation/election.service.js";
import { ElectionBallotService } from "./modules/deliberation/election-ballot.service.js";
import { ElectionRollService } from "./modules/deliberation/election-roll.service.js";
import { MeetingService } from "./modules/deliberation/meeting.service.js";
import { MeetingFileService } from "./modules/deliberation/meeting-file.service.js";
import { MotionService } from "./modules/deliberation/motion.service.js";
import { OwnerRollService } from "./modules/deliberation/owner-roll.service.js";
import { ResolutionService } from "./modules/deliberation/resolution.service.js";
import { DisputeService } from "./modules/disputes/dispute.service.js";
import { FraudCampaignService } from "./modules/fraud/fraud-campaign.service.js";
import { FraudImportService } from "./modules/fraud/fraud-import.service.js";
import { FraudWarningService } from "./modules/fraud/fraud-warning.service.js";
import { FraudYearService } from "./modules/fraud/fraud-year.service.js";
import { BuildingService } from "./modules/grids/building.service.js";
import { CommunityFileService, type GridWriteServices } from "./modules/grids/community-file.service.js";
import { CompoundService } from "./modules/grids/compound.service.js";
import { GridService } from "./modules/grids/grid.service.js";
import { LocationService } from "./modules/grids/location.service.js";
import { AccountService } from "./modules/identity/account.service.js";
import { IdentityService } from "./modules/identity/identity.service.js";
import { RolePermissionService } from "./modules/identity/role-permission.service.js";
import { TwoFactorService } from "./modules/identity/two-factor.service.js";
import { InsightService } from "./modules/insights/insight.service.js";
import { IntegrityVisitService } from "./modules/integrity/integrity-visit.service.js";
import { Open311Service } from "./modules/open311/open311.service.js";
import { Open311ClientService } from "./modules/open311/open311-client.service.js";
import { PatrolService } from "./modules/patrols/patrol.service.js";
import { CollectionService } from "./modules/people/collection.service.js";
import { HouseholdService } from "./modules/people/household.service.js";
import { PeopleFileService } from "./modules/people/people-file.service.js";
import { RegisterService } from "./modules/people/register.service.js";
import { ResidentService } from "./modules/people/resident.service.js";
import { SensitiveFields } from "./modules/people/sensitive-fields.js";
import { RegionService } from "./modules/regions/region.service.js";
import { RegionImportService } from "./modules/regions/region-import.service.js";
import { ServiceRequestService } from "./modules/services/service-request.service.js";
import { VisitService } from "./modules/visits/visit.service.js";
import { VisitPlanService } from "./modules/visits/visit-plan.service.js";
import { VisitRuleService } from "./modules/visits/visit-rule.service.js";
import { AuditService } from "./platform/audit/audit.service.js";
import { DirectoryFileStore, type FileStore } from "./platform/files/file-store.js";
import { S3FileStore } from "./platform/files/s3-file-store.js";
import type { PrivacyKeys } from "./platform/privacy/keys.js";

/** Every service, wired once: the HTTP app, the start-up and the CLIs use the same graph. */
export function createServices(
  db: Database,
  { session, keys, cases: caseSettings }: { session: Config["session"]; keys: PrivacyKeys; cases: Config["cases"] },
  now: () => Date = () => new Date(),
) {
  const audit = new AuditService(db, now);
  const regions = new RegionService(db, audit);
  const accounts = new AccountService(db, session, audit);
  const locations = new LocationService(db);
  const buildings = new BuildingService(db, audit);
  const sensitive = new SensitiveFields(keys);
  const compounds = new CompoundService(db, regions, audit, locations, now);
  const residents = new ResidentService({
    db,
    sensitive,
    buildings,
    regions,
    accounts,
    audit,
    now,
  });
  const grids = new GridService(db, regions, accounts, audit, locations);
  const categories = new CategoryService(db, audit);
  const files = caseSettings.s3 ? new S3FileStore(caseSettings.s3) : new DirectoryFileStore(caseSettings.filesDir);
  const serviceRequests = new ServiceRequestService({ db, audit, accounts, now });
  const casePhotos = new CasePhotoService(db, files);
  const cases = new CaseService({
    db,
    audit,
    categories,
    compounds,
    locations,
    regions,
    accounts,
    photos: casePhotos,
    sensitive,
    settings: caseSettings,
    now,
  });
  const residentHouseholds = new HouseholdService(residents);
  const notifications = new NotificationService(db);
  return {
    audit,
    identity: new IdentityService(db, session, audit, now),
    accounts,
    rolePermissions: new RolePermissionService(db, audit),
    twoFactor: new TwoFactorService(db, audit, now),
    regions,
    regionImport: new RegionImportService(db),
    locations,
    buildings,
    compounds,
    grids,
    communityFiles: new CommunityFileService(db, regions, locations, (tx) => writeServicesOn(tx, session, now, locations)),
    residents,
    households: residentHouseholds,
    registers: new RegisterService(residents),
    collection: new CollectionService(residents),
    peopleFiles: new PeopleFileService(residents),
    categories,
    casePhotos,
    cases,
    caseWorkflow: new CaseWorkflowService(cases),
    caseEscalation: new CaseEscalationService(db, grids, accounts, audit, now),
    caseEvaluation: new CaseEvaluationService(db),
    insights: new InsightService(db, now),
    notifications,
    open311Clients: new Open311ClientService(db, audit),
    open311: new Open311Service(cases, categories),
    visitRules: new VisitRuleService(db, audit),
    visitPlans: new VisitPlanService(db, audit, now),
    visits: new VisitService({ db, audit, households: residentHouseholds, cases, serviceRequests, now }),
    serviceRequests,
    disputes: new DisputeService({ db, audit, residents, now }),
    patrols: new PatrolService({ db, audit, grids, cases, now }),
    integrityVisits: new IntegrityVisitService(db, audit, now),
    deliberation: deliberationServices({ db, audit, accounts, residents, compounds, files, notifications, now }),
    fraud: fraudServices(new FraudCampaignService({ db, audit, regions, now }), residents, db, audit),
  };
}

function fraudServices(campaigns: FraudCampaignService, residents: ResidentService, db: Database, audit: AuditService) {
  return {
    campaigns,
    imports: new FraudImportService(campaigns, residents),
    warnings: new FraudWarningService(campaigns),
    years: new FraudYearService(db, audit),
  };
}
function deliberationServices(deps: {
  db: Database;
  audit: AuditService;
  accounts: AccountService;
  residents: ResidentService;
  compounds: CompoundService;
  files: FileStore;
  notifications: NotificationService;
  now: () => Date;
}) {
  const ownerRoll = new OwnerRollService(deps);
  const meetings = new MeetingService(deps);
  const elections = new ElectionService({ ...deps, ownerRoll });
  return {
    ownerRoll,
    meetings,
    motions: new MotionService({ ...deps, meetings, ownerRoll }),
    resolutions: new ResolutionService(deps),
    elections,
    electionRolls: new ElectionRollService({ ...deps, elections }),
    ballotBox: new ElectionBallotService({ ...deps, elections }),
    files: new MeetingFileService({ ...deps, meetings }),
  };
}

/** The grid module's write services on one transaction, for an import that applies wholly or not at all. */
function writeServicesOn(
  tx: Database,
  session: Config["session"],
  now: () => Date,
  locations: LocationService,
): GridWriteServices {
  const audit = new AuditService(tx, now);
  const regions = new RegionService(tx, audit);
  const accounts = new AccountService(tx, session, audit);
  return {
    regions,
    compounds: new CompoundService(tx, regions, audit, locations, now),
    grids: new GridService(tx, regions, accounts, audit, locations),
    buildings: new BuildingService(tx, audit),
  };
}

export type Services = ReturnType<typeof createServices>;
