import { SetMetadata } from '@nestjs/common';
import { Role } from '@sales/platform';

export const ROLES_KEY = 'sales:roles';
export const PUBLIC_KEY = 'sales:public';

// admin may do everything; a route names the other roles it admits.
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
