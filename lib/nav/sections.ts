/** The portal's sections, in navigation order. */
export const portalSections = [
  { href: '/catalog', label: 'Catalog' },
  { href: '/launches', label: 'Launches' },
  { href: '/executions', label: 'Executions' },
  { href: '/audit', label: 'Audit findings' },
  { href: '/kafka', label: 'Kafka lag' },
  { href: '/abac', label: 'ABAC' },
  { href: '/cost', label: 'Cost estimator' },
  { href: '/settings', label: 'Settings' },
] as const;
