import { useMemo, useState } from 'react';
import { Icon } from '../components/Icon';
import { formatAmount, formatDate, invoices, type Invoice, type InvoiceStatus } from '../data/invoices';

type Filter = 'all' | InvoiceStatus;

const filters: readonly { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'open', label: 'Open' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'paid', label: 'Paid' },
  { id: 'draft', label: 'Draft' },
];

const statusLabel: Record<InvoiceStatus, string> = { paid: 'Paid', open: 'Open', overdue: 'Overdue', draft: 'Draft' };

function total(status: InvoiceStatus): number {
  return invoices.filter((invoice) => invoice.status === status).reduce((sum, invoice) => sum + invoice.amountCents, 0);
}

function draftInvoice(sequence: number): Invoice {
  const today = new Date();
  const due = new Date(today.getTime() + 30 * 24 * 60 * 60 * 1000);
  return {
    id: `inv_${sequence}`,
    number: `INV-${sequence}`,
    customer: 'New customer',
    contact: 'Add a billing contact',
    amountCents: 0,
    issued: today.toISOString().slice(0, 10),
    due: due.toISOString().slice(0, 10),
    status: 'draft',
  };
}

export function InvoicesPage() {
  const [allInvoices, setAllInvoices] = useState<readonly Invoice[]>(invoices);
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [archived, setArchived] = useState<ReadonlySet<string>>(new Set());
  const [openInvoice, setOpenInvoice] = useState<Invoice | null>(null);
  const [ibanVisible, setIbanVisible] = useState(false);
  const [remindedIds, setRemindedIds] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(
    () =>
      allInvoices.filter(
        (invoice) =>
          (filter === 'all' || invoice.status === filter) &&
          `${invoice.number} ${invoice.customer}`.toLowerCase().includes(query.trim().toLowerCase()),
      ),
    [allInvoices, filter, query],
  );

  function toggleArchived(id: string) {
    const next = new Set(archived);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setArchived(next);
  }

  const kpis = [
    { id: 'open' as const, label: 'Outstanding', value: formatAmount(total('open')), hint: `${invoices.filter((i) => i.status === 'open').length} invoices` },
    { id: 'overdue' as const, label: 'Overdue', value: formatAmount(total('overdue')), hint: 'needs a nudge' },
    { id: 'paid' as const, label: 'Paid in the last 30 days', value: formatAmount(total('paid')), hint: 'avg. 17 days to paid' },
  ];

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Invoices</h1>
          <p className="muted">Everything you have billed, and where it stands.</p>
        </div>
        <div className="page-actions">
          {/* Does nothing visible: the dead-click and rage-click target of the demo. */}
          <button className="btn btn-secondary css-0h3k7d px-4 py-2" data-attr="sync-now">
            <Icon name="refresh" size={16} /> Sync now
          </button>
          <button
            className="btn btn-primary css-1x2y3z px-4 py-2"
            data-attr="new-invoice"
            onClick={() => setAllInvoices([draftInvoice(2041 + allInvoices.length), ...allInvoices])}
          >
            <Icon name="plus" size={16} /> New invoice
          </button>
        </div>
      </header>

      <div className="kpi-grid">
        {kpis.map((kpi) => (
          <div
            key={kpi.id}
            className={`kpi-card sc-bdVaJa ${filter === kpi.id ? 'is-active' : ''}`}
            onClick={() => setFilter(filter === kpi.id ? 'all' : kpi.id)}
          >
            <span className="kpi-label">{kpi.label}</span>
            <span className={`kpi-value kpi-value--${kpi.id}`}>{kpi.value}</span>
            <span className="muted kpi-hint">{kpi.hint}</span>
          </div>
        ))}
      </div>

      <div className="card table-card">
        <div className="table-toolbar">
          <div className="tabs" role="tablist">
            {filters.map((option) => (
              <button
                key={option.id}
                role="tab"
                aria-selected={filter === option.id}
                className={`tab css-t4b1zz ${filter === option.id ? 'is-active' : ''}`}
                onClick={() => setFilter(option.id)}
              >
                {option.label}
              </button>
            ))}
          </div>
          <input
            className="search css-s3a9rc"
            type="search"
            placeholder="Search invoices or customers"
            aria-label="Search invoices"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>Invoice</th>
              <th>Customer</th>
              <th className="num">Amount</th>
              <th>Due</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((invoice) => {
              const isArchived = archived.has(invoice.id);
              return (
                <tr key={invoice.id} data-row-key={invoice.id} className={isArchived ? 'is-archived' : ''}>
                  <td className="mono">{invoice.number}</td>
                  <td>
                    <div className="cell-primary">{invoice.customer}</div>
                    <div className="muted cell-secondary">{invoice.contact}</div>
                  </td>
                  <td className="num">{formatAmount(invoice.amountCents)}</td>
                  <td>{formatDate(invoice.due)}</td>
                  <td>
                    <span className={`status status--${isArchived ? 'archived' : invoice.status}`}>
                      {isArchived ? 'Archived' : statusLabel[invoice.status]}
                    </span>
                  </td>
                  <td className="row-actions">
                    {/* The same two buttons on every row; Archive even repeats its data-attr, as real apps do. */}
                    <button className="btn btn-secondary btn-sm css-8d2kfp" onClick={() => setOpenInvoice(invoice)}>
                      Open
                    </button>
                    <button className="btn btn-ghost btn-sm css-8d2kfp" data-attr="invoice-archive" onClick={() => toggleArchived(invoice.id)}>
                      {isArchived ? 'Restore' : 'Archive'}
                    </button>
                  </td>
                </tr>
              );
            })}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="empty muted">
                  No invoices match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <div className="side-grid">
        <section className="card">
          <h2 className="card-title">Team notes</h2>
          <div
            className="note css-n0t3ed"
            contentEditable
            suppressContentEditableWarning
            role="textbox"
            aria-label="Team notes"
            aria-multiline="true"
          >
            Chase Initech about INV-2051 before Friday — Bill said the PO is "in the system". Globex wants
            quarterly invoices from July.
          </div>
        </section>
        {/* Bank details: excluded from autocapture, as sites do with anything sensitive. */}
        <section className="card ph-no-capture" data-testid="payout-account">
          <h2 className="card-title">Payout account</h2>
          <p className="muted">Where Ledgerly sends the money your customers pay.</p>
          <dl className="payout">
            <dt>Bank</dt>
            <dd>First National Bank</dd>
            <dt>IBAN</dt>
            <dd className="mono">{ibanVisible ? 'DE89 3704 0044 0532 0130 00' : 'DE89 •••• •••• •••• •••• 00'}</dd>
          </dl>
          <button className="btn btn-secondary btn-sm" data-attr="reveal-iban" onClick={() => setIbanVisible(!ibanVisible)}>
            {ibanVisible ? 'Hide IBAN' : 'Reveal IBAN'}
          </button>
        </section>
      </div>

      {openInvoice ? (
        <div className="drawer-backdrop" onClick={() => setOpenInvoice(null)}>
          <aside className="drawer" role="dialog" aria-label={`Invoice ${openInvoice.number}`} onClick={(event) => event.stopPropagation()}>
            <header className="drawer-header">
              <div>
                <div className="muted">Invoice</div>
                <h2 className="mono">{openInvoice.number}</h2>
              </div>
              <button className="btn btn-ghost btn-sm" aria-label="Close" onClick={() => setOpenInvoice(null)}>
                <Icon name="close" />
              </button>
            </header>
            <dl className="drawer-details">
              <dt>Customer</dt>
              <dd>{openInvoice.customer}</dd>
              <dt>Billing contact</dt>
              <dd>{openInvoice.contact}</dd>
              <dt>Issued</dt>
              <dd>{formatDate(openInvoice.issued)}</dd>
              <dt>Due</dt>
              <dd>{formatDate(openInvoice.due)}</dd>
              <dt>Amount</dt>
              <dd className="drawer-amount">{formatAmount(openInvoice.amountCents)}</dd>
            </dl>
            <div className="drawer-actions">
              <button
                className="btn btn-primary css-1x2y3z"
                data-attr="send-reminder"
                disabled={remindedIds.has(openInvoice.id)}
                onClick={() => setRemindedIds(new Set(remindedIds).add(openInvoice.id))}
              >
                {remindedIds.has(openInvoice.id) ? 'Reminder sent ✓' : 'Send reminder'}
              </button>
              <button className="btn btn-secondary">Download PDF</button>
            </div>
          </aside>
        </div>
      ) : null}
    </div>
  );
}
