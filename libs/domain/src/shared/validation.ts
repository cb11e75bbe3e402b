import { DomainError } from './domain-error.js';

export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

export const requireId = (field: string, value: unknown): string => {
  if (!isId(value)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must match [A-Za-z0-9_.:-]{1,64}`, { field, value });
  }
  return value;
};

// Free text is trimmed so that reports grouping by it (loss reasons, sources) see one value.
export const requireText = (field: string, value: unknown): string => {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '')
    throw new DomainError('VALIDATION_FAILED', `${field} must be a non-empty string`, { field, value });
  return text;
};

export const optionalText = (field: string, value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new DomainError('VALIDATION_FAILED', `${field} must be a string`, { field, value });
  const text = value.trim();
  return text === '' ? null : text;
};
