import type { QueryClient } from '@tanstack/react-query';
import { isValidElement } from 'react';
import { matchRoutes, Navigate, useRoutes, type Params, type RouteObject } from 'react-router';
import { page, staffPage, type LazyPage } from './components/lazy-page';
import { PublicLayout } from './components/PublicLayout';
import { NotFoundPage } from './components/NotFoundPage';
import { HomePage } from './features/procedures/pages/HomePage';
import { fieldsQuery, procedureDetailQuery, procedureSearchQuery } from './features/procedures/queries';
import { parseSearchState } from './features/procedures/search-state';

/*
 * Each page but the home page is its own file, fetched when first visited: the citizen's pages
 * then do not carry the back office, the administration, the charts or the e-form engine.
 * PublicLayout shows an accessible loading state while a page's file arrives. The pages arrive with
 * the parts of the texts they read (i18n/language.ts): the dossier pages' texts (all pages but the
 * home, search and procedure pages; the citizen's filing, confirmation, list and tracking pages only
 * the sections they show), the verification page's, the account pages' and the officials' (`staffPage`).
 */
/** The text parts the account pages read: their own and the dossier pages'. */
const ACCOUNT_TEXTS = ['account', 'dossiers'] as const;
const ResultsPage = page(() => import('./features/procedures/pages/ResultsPage'), 'ResultsPage', []);
const ProcedurePage = page(() => import('./features/procedures/pages/ProcedurePage'), 'ProcedurePage', []);
const AccountPage = page(() => import('./features/account/pages/AccountPage'), 'AccountPage', ACCOUNT_TEXTS);
const LoginPage = page(() => import('./features/account/pages/LoginPage'), 'LoginPage', ACCOUNT_TEXTS);
const RegisteredPage = page(() => import('./features/account/pages/RegisteredPage'), 'RegisteredPage', ACCOUNT_TEXTS);
const RegisterPage = page(() => import('./features/account/pages/RegisterPage'), 'RegisterPage', ACCOUNT_TEXTS);
const VerifyPhonePage = page(() => import('./features/account/pages/VerifyPhonePage'), 'VerifyPhonePage', ACCOUNT_TEXTS);
const ForgotPasswordPage = page(() => import('./features/account/pages/ForgotPasswordPage'), 'ForgotPasswordPage', ACCOUNT_TEXTS);
const NationalErrorPage = page(() => import('./features/account/pages/NationalErrorPage'), 'NationalErrorPage', ACCOUNT_TEXTS);
const OrganisationClaimsPanel = page(() => import('./features/admin/components/OrganisationClaimsPanel'), 'OrganisationClaimsPanel', ['staff', 'account', 'dossiers']);
const OrganisationsPage = page(() => import('./features/account/pages/OrganisationsPage'), 'OrganisationsPage', ACCOUNT_TEXTS);
const RepresentativesPage = page(() => import('./features/account/pages/RepresentativesPage'), 'RepresentativesPage', ACCOUNT_TEXTS);
const InvitationLinkPage = page(() => import('./features/account/pages/InvitationLinkPage'), 'InvitationLinkPage', ACCOUNT_TEXTS);
const ResetPasswordPage = page(() => import('./features/account/pages/ResetPasswordPage'), 'ResetPasswordPage', ACCOUNT_TEXTS);
const ChangePasswordPage = page(() => import('./features/account/pages/ChangePasswordPage'), 'ChangePasswordPage', ACCOUNT_TEXTS);
const PersonalDataPage = page(() => import('./features/account/pages/PersonalDataPage'), 'PersonalDataPage', ACCOUNT_TEXTS);
const TotpPage = page(() => import('./features/account/pages/TotpPage'), 'TotpPage', ACCOUNT_TEXTS);
const VerifyEmailPage = page(() => import('./features/account/pages/VerifyEmailPage'), 'VerifyEmailPage', ACCOUNT_TEXTS);
const AdminPage = staffPage(() => import('./features/admin/pages/AdminPage'), 'AdminPage');
const ApiClientsPanel = staffPage(() => import('./features/admin/components/ApiClientsPanel'), 'ApiClientsPanel');
const DvcqgSyncPanel = staffPage(() => import('./features/admin/components/DvcqgSyncPanel'), 'DvcqgSyncPanel');
const WebhooksPanel = staffPage(() => import('./features/admin/components/WebhooksPanel'), 'WebhooksPanel');
const OpenDataPage = page(() => import('./features/opendata/OpenDataPage'), 'OpenDataPage');
const OfficialsPanel = staffPage(() => import('./features/admin/components/OfficialsPanel'), 'OfficialsPanel');
const UnitsPanel = staffPage(() => import('./features/admin/components/UnitsPanel'), 'UnitsPanel');
const InboxPage = staffPage(() => import('./features/backoffice/pages/InboxPage'), 'InboxPage');
const SigningQueuePage = staffPage(() => import('./features/backoffice/pages/SigningQueuePage'), 'SigningQueuePage');
const ReconciliationPage = staffPage(() => import('./features/backoffice/pages/ReconciliationPage'), 'ReconciliationPage');
const WorkspacePage = staffPage(() => import('./features/backoffice/pages/WorkspacePage'), 'WorkspacePage');
const WorkingCalendarPage = staffPage(() => import('./features/calendar/pages/WorkingCalendarPage'), 'WorkingCalendarPage');
const CounterIntakePage = staffPage(() => import('./features/dossiers/pages/CounterIntakePage'), 'CounterIntakePage');
const DonePage = page(() => import('./features/dossiers/pages/DonePage'), 'DonePage', ['dossierDone']);
const DossierDetailPage = page(() => import('./features/dossiers/pages/DossierDetailPage'), 'DossierDetailPage');
const JourneyPage = page(() => import('./features/dossiers/pages/JourneyPage'), 'JourneyPage', ['dossierCommon']);
const MyDossiersPage = page(() => import('./features/dossiers/pages/MyDossiersPage'), 'MyDossiersPage', ['dossierList']);
const ReceptionQueuePage = staffPage(() => import('./features/dossiers/pages/ReceptionQueuePage'), 'ReceptionQueuePage');
const ReviewPage = staffPage(() => import('./features/dossiers/pages/ReviewPage'), 'ReviewPage');
const StartPage = page(() => import('./features/dossiers/pages/StartPage'), 'StartPage', ['dossierJourney']);
const TrackingPage = page(() => import('./features/dossiers/pages/TrackingPage'), 'TrackingPage', ['dossierTracking']);
const NotificationsPage = page(() => import('./features/notifications/pages/NotificationsPage'), 'NotificationsPage');
const VerificationPage = page(() => import('./features/verification/pages/VerificationPage'), 'VerificationPage', ['dossiers', 'verification']);
const DraftPage = staffPage(() => import('./features/catalogue-editor/pages/DraftPage'), 'DraftPage');
const EditorHomePage = staffPage(() => import('./features/catalogue-editor/pages/EditorHomePage'), 'EditorHomePage');
const WorkflowsPage = staffPage(() => import('./features/catalogue-editor/workflow-designer/WorkflowsPage'), 'WorkflowsPage');
const WorkflowDesignerPage = staffPage(() => import('./features/catalogue-editor/workflow-designer/WorkflowDesignerPage'), 'WorkflowDesignerPage');
const DocumentTemplatesPage = staffPage(() => import('./features/catalogue-editor/document-templates/DocumentTemplatesPage'), 'DocumentTemplatesPage');
const StatisticsDashboardPage = page(() => import('./features/statistics/pages/StatisticsDashboardPage'), 'StatisticsDashboardPage', ['staff', 'dossiers', 'statistics']);
const TransparencyPage = page(() => import('./features/statistics/pages/TransparencyPage'), 'TransparencyPage', ['dossiers', 'statistics']);

/**
 * Public routes. Applicant and agent route groups will sit beside this one. The routes are matched
 * by `useRoutes` under a `<BrowserRouter>` (app.tsx), not by a data router: the app uses no loader,
 * action or fetcher, and a data router's code is 17 KB (gzip) more on every page. Scrolling on
 * navigation, which `<ScrollRestoration>` did, is lib/use-scroll-on-navigate.ts.
 */
const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { index: true, element: <HomePage />, handle: { prefetch: (qc: QueryClient) => qc.prefetchQuery(fieldsQuery()) } satisfies RouteStart },
      {
        path: 'thu-tuc',
        element: <ResultsPage />,
        handle: { prefetch: (qc: QueryClient, _params: Params, search: string) => qc.prefetchQuery(procedureSearchQuery(parseSearchState(new URLSearchParams(search)))) } satisfies RouteStart,
      },
      {
        path: 'thu-tuc/:code',
        element: <ProcedurePage />,
        handle: { prefetch: (qc: QueryClient, params: Params) => qc.prefetchQuery(procedureDetailQuery(params.code ?? '')) } satisfies RouteStart,
      },
      { path: 'dang-nhap', element: <LoginPage /> },
      { path: 'dang-ky', element: <RegisterPage /> },
      { path: 'dang-ky/kiem-tra-thu', element: <RegisteredPage /> },
      { path: 'dang-nhap/loi-quoc-gia', element: <NationalErrorPage /> },
      { path: 'xac-minh-email', element: <VerifyEmailPage /> },
      { path: 'xac-thuc-so-dien-thoai', element: <VerifyPhonePage /> },
      { path: 'quen-mat-khau', element: <ForgotPasswordPage /> },
      { path: 'dat-lai-mat-khau', element: <ResetPasswordPage /> },
      { path: 'tai-khoan', element: <AccountPage /> },
      { path: 'tai-khoan/to-chuc', element: <OrganisationsPage /> },
      { path: 'tai-khoan/uy-quyen', element: <RepresentativesPage /> },
      { path: 'loi-moi', element: <InvitationLinkPage /> },
      { path: 'tai-khoan/ung-dung-xac-thuc', element: <TotpPage /> },
      { path: 'tai-khoan/doi-mat-khau', element: <ChangePasswordPage /> },
      { path: 'tai-khoan/du-lieu-ca-nhan', element: <PersonalDataPage /> },
      {
        path: 'quan-tri',
        element: <AdminPage />,
        children: [
          { index: true, element: <Navigate to="don-vi" replace /> },
          { path: 'don-vi', element: <UnitsPanel /> },
          { path: 'can-bo', element: <OfficialsPanel /> },
          { path: 'ung-dung', element: <ApiClientsPanel /> },
          { path: 'dong-bo-dvcqg', element: <DvcqgSyncPanel /> },
          { path: 'webhook', element: <WebhooksPanel /> },
          { path: 'xac-minh-to-chuc', element: <OrganisationClaimsPanel /> },
        ],
      },
      { path: 'quan-tri/lich-lam-viec', element: <WorkingCalendarPage /> },
      { path: 'bien-tap-thu-tuc', element: <EditorHomePage /> },
      { path: 'bien-tap-thu-tuc/:draftId', element: <DraftPage /> },
      { path: 'bien-tap-thu-tuc/quy-trinh', element: <WorkflowsPage /> },
      { path: 'bien-tap-thu-tuc/mau-van-ban', element: <DocumentTemplatesPage /> },
      { path: 'bien-tap-thu-tuc/quy-trinh/:draftId', element: <WorkflowDesignerPage /> },
      { path: 'nop-ho-so', element: <StartPage /> },
      { path: 'nop-ho-so/:dossierId', element: <JourneyPage /> },
      { path: 'nop-ho-so/:dossierId/da-nop', element: <DonePage /> },
      { path: 'ho-so-cua-toi', element: <MyDossiersPage /> },
      { path: 'ho-so-cua-toi/:dossierId', element: <DossierDetailPage /> },
      { path: 'tra-cuu', element: <TrackingPage /> },
      { path: 'du-lieu-mo', element: <OpenDataPage /> },
      { path: 'thong-bao', element: <NotificationsPage /> },
      { path: 'xac-minh/:documentId', element: <VerificationPage /> },
      { path: 'can-bo/tiep-nhan', element: <ReceptionQueuePage /> },
      { path: 'can-bo/tiep-nhan/moi', element: <CounterIntakePage /> },
      { path: 'can-bo/tiep-nhan/:dossierId', element: <ReviewPage /> },
      { path: 'can-bo/ho-so', element: <InboxPage /> },
      { path: 'can-bo/ho-so/:dossierId', element: <WorkspacePage /> },
      { path: 'can-bo/ky-duyet', element: <SigningQueuePage /> },
      { path: 'can-bo/doi-soat', element: <ReconciliationPage /> },
      { path: 'can-bo/thong-ke', element: <StatisticsDashboardPage /> },
      { path: 'cong-khai', element: <TransparencyPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** What the first page needs from the server, asked for before the app renders (`startRoute`). */
interface RouteStart {
  prefetch: (queryClient: QueryClient, params: Params, search: string) => Promise<unknown>;
}

/**
 * At start, before the first render (main.tsx): the page's own file and, on the home, search and
 * procedure pages, its data are requested at once, side by side, instead of one after the other
 * once the app has rendered (entry, then the page's file, then its data).
 */
export function startRoute(queryClient: QueryClient, pathname: string, search: string): void {
  for (const match of matchRoutes(routes, pathname) ?? []) {
    const type: unknown = isValidElement(match.route.element) ? match.route.element.type : undefined;
    if (typeof type === 'object' && type !== null && 'preload' in type) void (type as LazyPage).preload().catch(() => undefined);
    const start = match.route.handle as RouteStart | undefined;
    if (start) void start.prefetch(queryClient, match.params, search);
  }
}

/** The page for the address (inside `<BrowserRouter>`). */
export function AppRoutes() {
  return useRoutes(routes);
}

