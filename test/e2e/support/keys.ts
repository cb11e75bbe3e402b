import type { ApiKeySpec } from '@sales/platform';

export const KEYS = {
  service: 'svc-secret-123',
  analyst: 'analyst-secret-123',
  auditor: 'auditor-secret-123',
  admin: 'admin-secret-123',
} as const;

export const KEY_SPECS: ApiKeySpec[] = [
  { name: 'orders-service', role: 'service', secret: KEYS.service },
  { name: 'bi-analyst', role: 'analyst', secret: KEYS.analyst },
  { name: 'audit-team', role: 'auditor', secret: KEYS.auditor },
  { name: 'ops-admin', role: 'admin', secret: KEYS.admin },
];

export const bearer = (role: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[role]}` });
