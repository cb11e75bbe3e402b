import { ValidationPipe } from '@nestjs/common';
import { validateSync, type ValidatorOptions } from 'class-validator';

// Every rule of our DTOs is synchronous: validating synchronously gives the same errors without a
// promise per rule and per property on every request.
export class SyncValidationPipe extends ValidationPipe {
  protected override validate(object: object, validatorOptions?: ValidatorOptions) {
    return validateSync(object, validatorOptions);
  }
}
