import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { ID_PATTERN } from '@sales/domain';

export { ID_PATTERN };

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MAX_AMOUNT = 1e13;

// 2026-02-30 matches the pattern but is no date: it must survive a round trip through Date.
const IsRealDate = () =>
  ValidateBy({
    name: 'isRealDate',
    validator: {
      validate: (value) => {
        if (typeof value !== 'string') return false;
        const time = Date.parse(value);
        if (Number.isNaN(time)) return false;
        const day = value.slice(0, 10);
        return value.length > 10 && /[+-]\d{2}:\d{2}$/.test(value)
          ? true
          : new Date(time).toISOString().slice(0, 10) === day;
      },
      defaultMessage: () => '$property is not a real date',
    },
  });

type Options = { optional?: boolean; nullable?: boolean; description?: string; example?: unknown };

function documented(options: Options, schema: Record<string, unknown>) {
  const doc = {
    ...schema,
    description: options.description,
    example: options.example,
    nullable: options.nullable,
  };
  return options.optional || options.nullable ? ApiPropertyOptional(doc) : ApiProperty(doc);
}

function presence(options: Options) {
  // Optional fields may be omitted, not sent as null (a wrong type like any other) unless nullable.
  if (options.nullable) return [ValidateIf((_object, value) => value !== undefined && value !== null)];
  return options.optional ? [ValidateIf((_object, value) => value !== undefined)] : [];
}

export const IsEntityId = (options: Options = {}) =>
  applyDecorators(
    ...presence(options),
    IsString(),
    Matches(ID_PATTERN, { message: '$property must match [A-Za-z0-9_.:-]{1,64}' }),
    documented(options, { type: String, pattern: ID_PATTERN.source, maxLength: 64 }),
  );

export const IsText = (maxLength: number, options: Options = {}) =>
  applyDecorators(
    ...presence(options),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
    documented(options, { type: String, minLength: 1, maxLength }),
  );

export const IsOccurredAt = () =>
  applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsString(),
    Matches(TIMESTAMP_PATTERN, {
      message: '$property must be an ISO-8601 timestamp with a time zone, e.g. 2026-03-01T09:30:00.000Z',
    }),
    IsRealDate(),
    documented(
      {
        optional: true,
        description: 'business time of the fact (default: now); at most 5 minutes ahead',
        example: '2026-03-01T09:30:00.000Z',
      },
      { type: String, format: 'date-time' },
    ),
  );

export const IsCalendarDate = (options: Options = {}) =>
  applyDecorators(
    ...presence(options),
    IsString(),
    Matches(DATE_PATTERN, { message: '$property must be a date YYYY-MM-DD' }),
    IsRealDate(),
    documented(options, { type: String, format: 'date', example: '2026-06-30' }),
  );

// class-validator's own maxDecimalPlaces reads the decimals off value.toString() and throws (a 500)
// on the exponent form JavaScript writes tiny numbers in (1e-7, 5e-324): checked here instead.
export function hasAtMostTwoDecimals(value: number): boolean {
  const text = String(value);
  if (/e-/i.test(text)) return false;
  const decimals = text.split('.')[1];
  return decimals === undefined || decimals.length <= 2;
}

const IsAmount = () =>
  ValidateBy({
    name: 'isAmount',
    validator: {
      validate: (value) => typeof value === 'number' && Number.isFinite(value) && hasAtMostTwoDecimals(value),
      defaultMessage: () => '$property must be a number with at most 2 decimals',
    },
  });

export const IsMoney = (options: Options = {}) =>
  applyDecorators(
    ...presence(options),
    IsAmount(),
    Min(0),
    Max(MAX_AMOUNT),
    documented(options, { type: Number, minimum: 0, maximum: MAX_AMOUNT, example: 12000.5 }),
  );

export const IsProbability = () =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(1),
    ApiProperty({ type: Number, minimum: 0, maximum: 1 }),
  );
