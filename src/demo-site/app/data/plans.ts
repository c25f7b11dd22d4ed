export interface Plan {
  id: 'starter' | 'growth' | 'scale';
  name: string;
  monthly: number;
  blurb: string;
  features: readonly string[];
  featured?: boolean;
}

export const plans: readonly Plan[] = [
  {
    id: 'starter',
    name: 'Starter',
    monthly: 19,
    blurb: 'For freelancers and small studios.',
    features: ['50 invoices / month', 'Card & bank payments', 'Automatic reminders', 'Email support'],
  },
  {
    id: 'growth',
    name: 'Growth',
    monthly: 49,
    blurb: 'For teams that bill every week.',
    features: ['Unlimited invoices', 'Recurring billing', 'Reconciliation', 'Cash-flow reports', '3 seats included'],
    featured: true,
  },
  {
    id: 'scale',
    name: 'Scale',
    monthly: 129,
    blurb: 'For finance teams with approvals.',
    features: ['Everything in Growth', 'Approvals & audit trail', 'SSO (SAML)', 'Priority support', '10 seats included'],
  },
];

export function planName(id: string): string {
  return plans.find((plan) => plan.id === id)?.name ?? 'Growth';
}
