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
import { AdminPage } from './features/admin/pages/AdminPage';
import { ApiClientsPanel } from './features/admin/components/ApiClientsPanel';
import { OfficialsPanel } from './features/admin/components/OfficialsPanel';
import { UnitsPanel } from './features/admin/components/UnitsPanel';
import { WorkingCalendarPage } from './features/calendar/pages/WorkingCalendarPage';

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
      {
        path: 'quan-tri',
        element: <AdminPage />,
        children: [
          { index: true, element: <Navigate to="don-vi" replace /> },
          { path: 'don-vi', element: <UnitsPanel /> },
          { path: 'can-bo', element: <OfficialsPanel /> },
          { path: 'ung-dung', element: <ApiClientsPanel /> },
        ],
      },
      { path: 'quan-tri/lich-lam-viec', element: <WorkingCalendarPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
