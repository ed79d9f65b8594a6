/**
 * Coded application errors. The `code` (`module.snake_case`) is the public contract that
 * clients branch on; `message` is safe to show (Vietnamese first) and carries no personal data.
 */
export interface ErrorBase {
  code: string;
  message: string;
  status: number;
}

export interface FieldProblem {
  /** Where the problem is, e.g. `query.pageSize` or `body.answers.email`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  readonly errors?: FieldProblem[];

  constructor(base: ErrorBase & { details?: Record<string, unknown>; errors?: FieldProblem[]; cause?: unknown }) {
    super(base.message, { cause: base.cause });
    this.name = 'AppError';
    this.code = base.code;
    this.status = base.status;
    this.details = base.details;
    this.errors = base.errors;
  }
}

type Overrides = Partial<ErrorBase> & { details?: Record<string, unknown>; errors?: FieldProblem[]; cause?: unknown };

/** Declares an error once; call the factory to throw it, optionally with details. */
export const createErrorFactory = (base: ErrorBase) => {
  const factory = (overrides: Overrides = {}) => new AppError({ ...base, ...overrides });
  factory.code = base.code;
  return factory;
};

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
