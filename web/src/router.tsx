import { Navigate, useRoutes, type RouteObject } from 'react-router';
import { page, staffPage } from './components/lazy-page';
import { PublicLayout } from './components/PublicLayout';
import { NotFoundPage } from './components/NotFoundPage';
import { HomePage } from './features/procedures/pages/HomePage';

/*
 * Each page but the home page is its own file, fetched when first visited: the citizen's pages
 * then do not carry the back office, the administration, the charts or the e-form engine.
 * PublicLayout shows an accessible loading state while a page's file arrives. The account pages and
 * the officials' pages (`staffPage`) arrive with their own texts, which the other pages do not carry.
 */
const ResultsPage = page(() => import('./features/procedures/pages/ResultsPage'), 'ResultsPage');
const ProcedurePage = page(() => import('./features/procedures/pages/ProcedurePage'), 'ProcedurePage');
const AccountPage = page(() => import('./features/account/pages/AccountPage'), 'AccountPage', ['account']);
const LoginPage = page(() => import('./features/account/pages/LoginPage'), 'LoginPage', ['account']);
const RegisteredPage = page(() => import('./features/account/pages/RegisteredPage'), 'RegisteredPage', ['account']);
const RegisterPage = page(() => import('./features/account/pages/RegisterPage'), 'RegisterPage', ['account']);
const VerifyPhonePage = page(() => import('./features/account/pages/VerifyPhonePage'), 'VerifyPhonePage', ['account']);
const ForgotPasswordPage = page(() => import('./features/account/pages/ForgotPasswordPage'), 'ForgotPasswordPage', ['account']);
const NationalErrorPage = page(() => import('./features/account/pages/NationalErrorPage'), 'NationalErrorPage', ['account']);
const OrganisationClaimsPanel = page(() => import('./features/admin/components/OrganisationClaimsPanel'), 'OrganisationClaimsPanel', ['staff', 'account']);
const OrganisationsPage = page(() => import('./features/account/pages/OrganisationsPage'), 'OrganisationsPage', ['account']);
const RepresentativesPage = page(() => import('./features/account/pages/RepresentativesPage'), 'RepresentativesPage', ['account']);
const InvitationLinkPage = page(() => import('./features/account/pages/InvitationLinkPage'), 'InvitationLinkPage', ['account']);
const ResetPasswordPage = page(() => import('./features/account/pages/ResetPasswordPage'), 'ResetPasswordPage', ['account']);
const ChangePasswordPage = page(() => import('./features/account/pages/ChangePasswordPage'), 'ChangePasswordPage', ['account']);
const PersonalDataPage = page(() => import('./features/account/pages/PersonalDataPage'), 'PersonalDataPage', ['account']);
const TotpPage = page(() => import('./features/account/pages/TotpPage'), 'TotpPage', ['account']);
const VerifyEmailPage = page(() => import('./features/account/pages/VerifyEmailPage'), 'VerifyEmailPage', ['account']);
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
const DonePage = page(() => import('./features/dossiers/pages/DonePage'), 'DonePage');
const DossierDetailPage = page(() => import('./features/dossiers/pages/DossierDetailPage'), 'DossierDetailPage');
const JourneyPage = page(() => import('./features/dossiers/pages/JourneyPage'), 'JourneyPage');
const MyDossiersPage = page(() => import('./features/dossiers/pages/MyDossiersPage'), 'MyDossiersPage');
const ReceptionQueuePage = staffPage(() => import('./features/dossiers/pages/ReceptionQueuePage'), 'ReceptionQueuePage');
const ReviewPage = staffPage(() => import('./features/dossiers/pages/ReviewPage'), 'ReviewPage');
const StartPage = page(() => import('./features/dossiers/pages/StartPage'), 'StartPage');
const TrackingPage = page(() => import('./features/dossiers/pages/TrackingPage'), 'TrackingPage');
const NotificationsPage = page(() => import('./features/notifications/pages/NotificationsPage'), 'NotificationsPage');
const VerificationPage = page(() => import('./features/verification/pages/VerificationPage'), 'VerificationPage');
const DraftPage = staffPage(() => import('./features/catalogue-editor/pages/DraftPage'), 'DraftPage');
const EditorHomePage = staffPage(() => import('./features/catalogue-editor/pages/EditorHomePage'), 'EditorHomePage');
const WorkflowsPage = staffPage(() => import('./features/catalogue-editor/workflow-designer/WorkflowsPage'), 'WorkflowsPage');
const WorkflowDesignerPage = staffPage(() => import('./features/catalogue-editor/workflow-designer/WorkflowDesignerPage'), 'WorkflowDesignerPage');
const DocumentTemplatesPage = staffPage(() => import('./features/catalogue-editor/document-templates/DocumentTemplatesPage'), 'DocumentTemplatesPage');
const StatisticsDashboardPage = staffPage(() => import('./features/statistics/pages/StatisticsDashboardPage'), 'StatisticsDashboardPage');
const TransparencyPage = page(() => import('./features/statistics/pages/TransparencyPage'), 'TransparencyPage');

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
      { index: true, element: <HomePage /> },
      { path: 'thu-tuc', element: <ResultsPage /> },
      { path: 'thu-tuc/:code', element: <ProcedurePage /> },
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

/** The page for the address (inside `<BrowserRouter>`). */
export function AppRoutes() {
  return useRoutes(routes);
}

