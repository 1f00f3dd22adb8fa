import { type Permission, registerPermission, registers } from "@linli/contracts";
import { Alert, Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { errorMessage } from "../api/client";
import { LoginPage } from "../modules/auth/login-page";
import { useCurrentUser } from "../modules/auth/session";
import { HomePage } from "../pages/home-page";
import { NotFoundPage } from "../pages/not-found-page";
import { AppShell } from "../ui/app-shell";

// Pages beyond the first screen load on demand, keeping the first download small.
const UsersPage = lazy(() => import("../modules/identity/users-page").then((module) => ({ default: module.UsersPage })));

const ResidentsPage = lazy(() =>
  import("../modules/people/residents-page").then((module) => ({ default: module.ResidentsPage })),
);
const CollectionPage = lazy(() =>
  import("../modules/people/collection-page").then((module) => ({ default: module.CollectionPage })),
);
const RegistersPage = lazy(() =>
  import("../modules/people/registers-page").then((module) => ({ default: module.RegistersPage })),
);
const DeliberationPage = lazy(() =>
  import("../modules/deliberation/deliberation-page").then((module) => ({ default: module.DeliberationPage })),
);
const OverviewPage = lazy(() => import("../modules/insights/overview-page").then((module) => ({ default: module.OverviewPage })));
const ServiceRequestsPage = lazy(() =>
  import("../modules/services/service-requests-page").then((module) => ({ default: module.ServiceRequestsPage })),
);
const DisputesPage = lazy(() => import("../modules/disputes/disputes-page").then((module) => ({ default: module.DisputesPage })));
const IntegrityPage = lazy(() =>
  import("../modules/integrity/integrity-page").then((module) => ({ default: module.IntegrityPage })),
);
const FraudPage = lazy(() => import("../modules/fraud/fraud-page").then((module) => ({ default: module.FraudPage })));
const VisitsPage = lazy(() => import("../modules/visits/visits-page").then((module) => ({ default: module.VisitsPage })));
const CasesPage = lazy(() => import("../modules/cases/cases-page").then((module) => ({ default: module.CasesPage })));
const EvaluationPage = lazy(() =>
  import("../modules/cases/evaluation-page").then((module) => ({ default: module.EvaluationPage })),
);
const CaseSettingsPage = lazy(() =>
  import("../modules/cases/case-settings-page").then((module) => ({ default: module.CaseSettingsPage })),
);
const Open311ClientsPage = lazy(() =>
  import("../modules/cases/open311-clients-page").then((module) => ({ default: module.Open311ClientsPage })),
);
const PublicReportPage = lazy(() =>
  import("../modules/cases/public-pages").then((module) => ({ default: module.PublicReportPage })),
);
const TrackPage = lazy(() => import("../modules/cases/public-pages").then((module) => ({ default: module.TrackPage })));
const RegionsPage = lazy(() => import("../modules/regions/regions-page").then((module) => ({ default: module.RegionsPage })));
const AuditPage = lazy(() => import("../modules/audit/audit-page").then((module) => ({ default: module.AuditPage })));
const RolePermissionsPage = lazy(() =>
  import("../modules/identity/role-permissions-page").then((module) => ({ default: module.RolePermissionsPage })),
);
const TwoFactorPage = lazy(() => import("../modules/auth/two-factor-page").then((module) => ({ default: module.TwoFactorPage })));
const ChangePasswordPage = lazy(() =>
  import("../modules/auth/change-password-page").then((module) => ({ default: module.ChangePasswordPage })),
);

/** Pages a resident opens without an account: the report form and case tracking. */
const publicPaths = /^\/(report|track)(\/|$)/;

function PublicRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Spin fullscreen />}>
        <Routes>
          <Route path="report" element={<PublicReportPage />} />
          <Route path="track" element={<TrackPage />} />
          <Route path="track/:code" element={<TrackPage />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}

/**
 * Signed out: the login page at every path but the public ones. Signed in: the shell and the
 * pages the user may open.
 */
export function AppRouter() {
  if (publicPaths.test(window.location.pathname)) return <PublicRouter />;
  return <SignedInRouter />;
}

function SignedInRouter() {
  const me = useCurrentUser();
  if (me.isPending) return <Spin fullscreen />;
  if (me.isError) return <Alert type="error" showIcon title={errorMessage(me.error)} style={{ margin: 24 }} />;
  const user = me.data;
  if (!user) return <LoginPage />;
  // An issued or expired password is replaced first; then, 等保 level 3, roles that require a
  // second factor see nothing else until it is set up.
  if (user.mustChangePassword)
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <ChangePasswordPage forced />
      </Suspense>
    );
  if (user.twoFactor.required && !user.twoFactor.enabled)
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <TwoFactorPage forced />
      </Suspense>
    );
  const allowed = (permission: Permission | readonly Permission[], page: ReactNode) =>
    (typeof permission === "string" ? [permission] : permission).some((one) => user.permissions.includes(one)) ? (
      <Suspense fallback={<Spin />}>{page}</Suspense>
    ) : (
      <NotFoundPage />
    );
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppShell user={user} />}>
          <Route index element={<HomePage user={user} />} />
          <Route
            path="regions"
            element={
              <Suspense fallback={<Spin />}>
                <RegionsPage user={user} />
              </Suspense>
            }
          />
          <Route path="overview" element={allowed("insights.read", <OverviewPage />)} />
          <Route path="people" element={allowed("people.read", <ResidentsPage user={user} />)} />
          <Route path="collection" element={allowed(["people.collect", "people.review"], <CollectionPage user={user} />)} />
          <Route path="registers" element={allowed(registers.map(registerPermission), <RegistersPage user={user} />)} />
          <Route path="cases" element={allowed(["cases.read", "cases.report", "cases.handle"], <CasesPage user={user} />)} />
          <Route path="visits" element={allowed(["visits.record", "visits.read"], <VisitsPage user={user} />)} />
          <Route path="disputes" element={allowed(["disputes.read", "disputes.record"], <DisputesPage user={user} />)} />
          <Route path="services" element={allowed("services.read", <ServiceRequestsPage user={user} />)} />
          <Route
            path="deliberation"
            element={allowed(["deliberation.read", "deliberation.manage", "deliberation.vote"], <DeliberationPage user={user} />)}
          />
          <Route path="integrity" element={allowed("integrity.visits", <IntegrityPage user={user} />)} />
          <Route path="fraud" element={allowed(["fraud.read", "fraud.manage"], <FraudPage user={user} />)} />
          <Route path="cases/evaluation" element={allowed("cases.read", <EvaluationPage />)} />
          <Route path="case-settings" element={allowed("cases.configure", <CaseSettingsPage />)} />
          <Route path="open311-clients" element={allowed("open311.clients.manage", <Open311ClientsPage />)} />
          <Route path="users" element={allowed("identity.users.read", <UsersPage user={user} />)} />
          <Route path="audit" element={allowed("audit.read", <AuditPage />)} />
          <Route path="permissions" element={allowed("identity.permissions.manage", <RolePermissionsPage />)} />
          <Route
            path="account/password"
            element={
              <Suspense fallback={<Spin />}>
                <ChangePasswordPage />
              </Suspense>
            }
          />
          <Route
            path="account/two-factor"
            element={
              <Suspense fallback={<Spin />}>
                <TwoFactorPage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
