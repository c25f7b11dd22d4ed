export type InvoiceStatus = 'paid' | 'open' | 'overdue' | 'draft';

export interface Invoice {
  id: string;
  number: string;
  customer: string;
  contact: string;
  amountCents: number;
  issued: string;
  due: string;
  status: InvoiceStatus;
}

export const invoices: readonly Invoice[] = [
  { id: 'inv_2052', number: 'INV-2052', customer: 'Globex Corporation', contact: 'priya@globex.example', amountCents: 1_240_000, issued: '2025-06-02', due: '2025-07-02', status: 'open' },
  { id: 'inv_2051', number: 'INV-2051', customer: 'Initech', contact: 'bill.lumbergh@initech.example', amountCents: 318_050, issued: '2025-06-01', due: '2025-06-15', status: 'overdue' },
  { id: 'inv_2050', number: 'INV-2050', customer: 'Umbrella Health', contact: 'ap@umbrella.example', amountCents: 695_000, issued: '2025-05-29', due: '2025-06-28', status: 'paid' },
  { id: 'inv_2049', number: 'INV-2049', customer: 'Hooli', contact: 'finance@hooli.example', amountCents: 2_100_000, issued: '2025-05-27', due: '2025-06-26', status: 'paid' },
  { id: 'inv_2048', number: 'INV-2048', customer: 'Vandelay Industries', contact: 'art@vandelay.example', amountCents: 87_500, issued: '2025-05-25', due: '2025-06-08', status: 'overdue' },
  { id: 'inv_2047', number: 'INV-2047', customer: 'Soylent Foods', contact: 'billing@soylent.example', amountCents: 412_000, issued: '2025-05-22', due: '2025-06-21', status: 'open' },
  { id: 'inv_2046', number: 'INV-2046', customer: 'Stark Logistics', contact: 'pepper@stark.example', amountCents: 1_575_000, issued: '2025-05-20', due: '2025-06-19', status: 'paid' },
  { id: 'inv_2045', number: 'INV-2045', customer: 'Wayne Foundation', contact: 'lucius@wayne.example', amountCents: 990_000, issued: '2025-05-18', due: '2025-06-17', status: 'paid' },
  { id: 'inv_2044', number: 'INV-2044', customer: 'Cyberdyne Systems', contact: 'miles@cyberdyne.example', amountCents: 264_900, issued: '2025-05-15', due: '2025-06-14', status: 'draft' },
  { id: 'inv_2043', number: 'INV-2043', customer: 'Tyrell Corp', contact: 'rachael@tyrell.example', amountCents: 730_000, issued: '2025-05-12', due: '2025-06-11', status: 'paid' },
  { id: 'inv_2042', number: 'INV-2042', customer: 'Oscorp', contact: 'norman@oscorp.example', amountCents: 148_800, issued: '2025-05-09', due: '2025-06-08', status: 'open' },
  { id: 'inv_2041', number: 'INV-2041', customer: 'Acme Corp', contact: 'wile.e@acme.example', amountCents: 695_000, issued: '2025-05-06', due: '2025-06-05', status: 'paid' },
];

const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatAmount(cents: number): string {
  return currency.format(cents / 100);
}

const dateFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}
