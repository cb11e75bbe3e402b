import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import { CommandResultDto } from '../commands/command-result.dto.js';

export class ErrorDto {
  @ApiProperty() statusCode!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ required: false }) details?: unknown;
}

export const ApiCommandResponses = () =>
  applyDecorators(
    ApiResponse({ status: 201, type: CommandResultDto, description: 'appended' }),
    ApiResponse({ status: 200, type: CommandResultDto, description: 'idempotent replay: nothing appended' }),
    ApiResponse({ status: 400, type: ErrorDto }),
    ApiResponse({ status: 401, type: ErrorDto }),
    ApiResponse({ status: 403, type: ErrorDto }),
    ApiResponse({ status: 404, type: ErrorDto }),
    ApiResponse({ status: 409, type: ErrorDto }),
    ApiResponse({ status: 412, type: ErrorDto }),
    ApiResponse({ status: 422, type: ErrorDto }),
  );
