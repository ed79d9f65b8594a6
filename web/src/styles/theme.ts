import { createTheme, type CSSVariablesResolver } from '@mantine/core';

const fontFamily = "'Be Vietnam Pro', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps links and filled buttons above 4.5:1 against white (WCAG AA).
  primaryShade: { light: 8, dark: 5 },
  fontFamily,
  headings: {
    fontFamily,
    fontWeight: '600',
    sizes: {
      // Long Vietnamese procedure names must stay readable on a 360 px phone.
      h1: { fontSize: 'clamp(1.625rem, 1.25rem + 1.6vw, 2.25rem)', lineHeight: '1.3' },
      h2: { fontSize: 'clamp(1.375rem, 1.2rem + 0.8vw, 1.625rem)', lineHeight: '1.35' },
    },
  },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
});

/**
 * Mantine's default `dimmed` (gray 6) is 3.3:1 on white; gray 7 is 7:1. Its `error` (red 6) is
 * about 3.6:1, too faint for error messages and the text of invalid fields; red 9 passes AA.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
