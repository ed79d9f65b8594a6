import { createBrowserRouter } from 'react-router';
import { PublicLayout } from './components/PublicLayout';
import { NotFoundPage } from './components/NotFoundPage';
import { HomePage } from './features/procedures/pages/HomePage';
import { ResultsPage } from './features/procedures/pages/ResultsPage';
import { ProcedurePage } from './features/procedures/pages/ProcedurePage';

/** Public routes. Applicant and agent route groups will sit beside this one. */
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'thu-tuc', element: <ResultsPage /> },
      { path: 'thu-tuc/:code', element: <ProcedurePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
