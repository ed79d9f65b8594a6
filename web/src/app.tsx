import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { I18nProvider } from './i18n/I18nProvider';
import { AppRoutes } from './router';
import { cssVariablesResolver, theme } from './styles/theme';

/** `queryClient`: made in main.tsx, which asks for the first page's data before rendering (router.tsx, `startRoute`). */
export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
