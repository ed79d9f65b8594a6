import { createBrowserRouter } from 'react-router';
import { PublicLayout } from './components/PublicLayout';
import { NotFoundPage } from './components/NotFoundPage';
import { HomePage } from './features/procedures/pages/HomePage';
import { ResultsPage } from './features/procedures/pages/ResultsPage';
import { ProcedurePage } from './features/procedures/pages/ProcedurePage';
import { AccountPage } from './features/account/pages/AccountPage';
import { LoginPage } from './features/account/pages/LoginPage';
import { RegisteredPage } from './features/account/pages/RegisteredPage';
import { RegisterPage } from './features/account/pages/RegisterPage';
import { CounterIntakePage } from './features/dossiers/pages/CounterIntakePage';
import { DonePage } from './features/dossiers/pages/DonePage';
import { DossierDetailPage } from './features/dossiers/pages/DossierDetailPage';
import { JourneyPage } from './features/dossiers/pages/JourneyPage';
import { MyDossiersPage } from './features/dossiers/pages/MyDossiersPage';
import { ReceptionQueuePage } from './features/dossiers/pages/ReceptionQueuePage';
import { ReviewPage } from './features/dossiers/pages/ReviewPage';
import { StartPage } from './features/dossiers/pages/StartPage';
import { TrackingPage } from './features/dossiers/pages/TrackingPage';

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
      { path: 'tai-khoan', element: <AccountPage /> },
      { path: 'nop-ho-so', element: <StartPage /> },
      { path: 'nop-ho-so/:dossierId', element: <JourneyPage /> },
      { path: 'nop-ho-so/:dossierId/da-nop', element: <DonePage /> },
      { path: 'ho-so-cua-toi', element: <MyDossiersPage /> },
      { path: 'ho-so-cua-toi/:dossierId', element: <DossierDetailPage /> },
      { path: 'tra-cuu', element: <TrackingPage /> },
      { path: 'can-bo/tiep-nhan', element: <ReceptionQueuePage /> },
      { path: 'can-bo/tiep-nhan/moi', element: <CounterIntakePage /> },
      { path: 'can-bo/tiep-nhan/:dossierId', element: <ReviewPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
