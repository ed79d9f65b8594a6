import { createBrowserRouter, Navigate } from 'react-router';
import { PublicLayout } from './components/PublicLayout';
import { NotFoundPage } from './components/NotFoundPage';
import { HomePage } from './features/procedures/pages/HomePage';
import { ResultsPage } from './features/procedures/pages/ResultsPage';
import { ProcedurePage } from './features/procedures/pages/ProcedurePage';
import { AccountPage } from './features/account/pages/AccountPage';
import { LoginPage } from './features/account/pages/LoginPage';
import { RegisteredPage } from './features/account/pages/RegisteredPage';
import { RegisterPage } from './features/account/pages/RegisterPage';
import { VerifyPhonePage } from './features/account/pages/VerifyPhonePage';
import { ForgotPasswordPage } from './features/account/pages/ForgotPasswordPage';
import { NationalErrorPage } from './features/account/pages/NationalErrorPage';
import { OrganisationClaimsPanel } from './features/admin/components/OrganisationClaimsPanel';
import { OrganisationsPage } from './features/account/pages/OrganisationsPage';
import { RepresentativesPage } from './features/account/pages/RepresentativesPage';
import { InvitationLinkPage } from './features/account/pages/InvitationLinkPage';
import { ResetPasswordPage } from './features/account/pages/ResetPasswordPage';
import { ChangePasswordPage } from './features/account/pages/ChangePasswordPage';
import { PersonalDataPage } from './features/account/pages/PersonalDataPage';
import { TotpPage } from './features/account/pages/TotpPage';
import { VerifyEmailPage } from './features/account/pages/VerifyEmailPage';
import { AdminPage } from './features/admin/pages/AdminPage';
import { ApiClientsPanel } from './features/admin/components/ApiClientsPanel';
import { DvcqgSyncPanel } from './features/admin/components/DvcqgSyncPanel';
import { WebhooksPanel } from './features/admin/components/WebhooksPanel';
import { OpenDataPage } from './features/opendata/OpenDataPage';
import { OfficialsPanel } from './features/admin/components/OfficialsPanel';
import { UnitsPanel } from './features/admin/components/UnitsPanel';
import { InboxPage } from './features/backoffice/pages/InboxPage';
import { SigningQueuePage } from './features/backoffice/pages/SigningQueuePage';
import { ReconciliationPage } from './features/backoffice/pages/ReconciliationPage';
import { WorkspacePage } from './features/backoffice/pages/WorkspacePage';
import { WorkingCalendarPage } from './features/calendar/pages/WorkingCalendarPage';
import { CounterIntakePage } from './features/dossiers/pages/CounterIntakePage';
import { DonePage } from './features/dossiers/pages/DonePage';
import { DossierDetailPage } from './features/dossiers/pages/DossierDetailPage';
import { JourneyPage } from './features/dossiers/pages/JourneyPage';
import { MyDossiersPage } from './features/dossiers/pages/MyDossiersPage';
import { ReceptionQueuePage } from './features/dossiers/pages/ReceptionQueuePage';
import { ReviewPage } from './features/dossiers/pages/ReviewPage';
import { StartPage } from './features/dossiers/pages/StartPage';
import { TrackingPage } from './features/dossiers/pages/TrackingPage';
import { NotificationsPage } from './features/notifications/pages/NotificationsPage';
import { VerificationPage } from './features/verification/pages/VerificationPage';
import { DraftPage } from './features/catalogue-editor/pages/DraftPage';
import { EditorHomePage } from './features/catalogue-editor/pages/EditorHomePage';
import { StatisticsDashboardPage } from './features/statistics/pages/StatisticsDashboardPage';
import { TransparencyPage } from './features/statistics/pages/TransparencyPage';

/** Public routes. Applicant and agent route groups will sit beside this one. */
export const router = createBrowserRouter([
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
]);
