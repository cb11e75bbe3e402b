import type { ValidationError } from 'class-validator';
import { ApiError } from './api-error.js';

type FieldError = { field: string; errors: string[] };

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationExceptionFactory(errors: ValidationError[]): ApiError {
  const details = flatten(errors);
  return new ApiError(
    'VALIDATION_FAILED',
    `invalid request: ${details.map((d) => d.field).join(', ')}`,
    details,
  );
}
