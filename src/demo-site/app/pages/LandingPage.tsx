import { useState } from 'react';
import { Icon } from '../components/Icon';
import { Link, navigate } from '../router';

const features = [
  {
    id: 'reminders',
    icon: 'clock',
    title: 'Automatic reminders',
    body: 'Polite nudges go out before and after the due date, in your tone of voice.',
    more: 'Schedules per customer, quiet hours, and an escalation path to a human when it matters.',
  },
  {
    id: 'payments',
    icon: 'card',
    title: 'Card & bank payments',
    body: 'Every invoice gets a pay link. Customers pay by card, ACH or SEPA in two clicks.',
    more: 'Payouts land in 2 business days; fees are shown on the invoice, never hidden.',
  },
  {
    id: 'reconciliation',
    icon: 'refresh',
    title: 'Reconciliation',
    body: 'Payments match to invoices automatically, even partial ones and bank fees.',
    more: 'Works with 9,000+ banks and exports clean journals to your accounting tool.',
  },
  {
    id: 'recurring',
    icon: 'calendar',
    title: 'Recurring billing',
    body: 'Retainers and subscriptions invoice themselves on the schedule you set.',
    more: 'Proration, usage lines and pauses without spreadsheets.',
  },
  {
    id: 'reports',
    icon: 'chart',
    title: 'Cash-flow reports',
    body: 'See what is due, what is late and what is coming in over the next 90 days.',
    more: 'Aging reports by customer, DSO trends and a forecast you can share with the board.',
  },
  {
    id: 'teams',
    icon: 'users',
    title: 'Built for teams',
    body: 'Roles, approvals and an audit trail for every invoice and payment.',
    more: 'SSO on Scale, and approvals that route large invoices to the right person.',
  },
] as const;

const integrations = [
  { id: 'quickbooks', name: 'QuickBooks Online', blurb: 'Sync customers, invoices and payments both ways.' },
  { id: 'xero', name: 'Xero', blurb: 'Post paid invoices and fees to your ledger.' },
  { id: 'stripe', name: 'Stripe', blurb: 'Take card payments with the account you already have.' },
  { id: 'slack', name: 'Slack', blurb: 'A message in #finance when a big invoice is paid.' },
  { id: 'hubspot', name: 'HubSpot', blurb: 'See open invoices on every deal.' },
] as const;

const logos = ['Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Soylent'];

export function LandingPage() {
  const [openFeature, setOpenFeature] = useState<string | null>(null);
  const [connecting, setConnecting] = useState<{ name: string; at: number } | null>(null);
  return (
    <>
      <section className="hero">
        <div className="container hero-inner">
          <div className="hero-copy">
            <Link href="/changelog" className="pill css-k3j9xq">
              <span className="pill-tag">New</span> Payment reminders that sound like you →
            </Link>
            <h1>Get paid on time, every time.</h1>
            <p className="lead">
              Ledgerly sends the invoices, chases the late ones and matches every payment, so your team spends its
              Fridays on customers instead of spreadsheets.
            </p>
            <div className="hero-actions">
              <button
                className="btn btn-primary btn-lg css-1x2y3z px-4 py-2"
                data-attr="hero-start-trial"
                onClick={() => navigate('/signup')}
              >
                Start free trial
              </button>
              <button className="btn btn-secondary btn-lg css-7p0v4n px-4 py-2" onClick={() => navigate('/pricing')}>
                See pricing
              </button>
            </div>
            <p className="hero-note muted">No credit card required · 14-day trial · Cancel anytime</p>
          </div>
          <div className="hero-visual" aria-hidden="true">
            <div className="mock-invoice css-2bq8hd">
              <div className="mock-invoice-head">
                <div>
                  <div className="mock-label">Invoice</div>
                  <div className="mock-number">INV-2041</div>
                </div>
                <span className="status status--paid">Paid</span>
              </div>
              <div className="mock-row">
                <span>Design retainer — June</span>
                <span>$4,800.00</span>
              </div>
              <div className="mock-row">
                <span>Usability study (2 rounds)</span>
                <span>$2,150.00</span>
              </div>
              <div className="mock-row mock-total">
                <span>Total</span>
                <span>$6,950.00</span>
              </div>
              <div className="mock-foot">Paid by card · 3 days early</div>
            </div>
            <div className="mock-toast css-9m2k1s">
              <strong>Globex</strong> paid <strong>$12,400</strong> · just now
            </div>
          </div>
        </div>
      </section>

      <section className="logos" aria-label="Customers">
        <div className="container">
          <p className="muted logos-title">Trusted by finance teams at</p>
          <ul className="logos-list">
            {logos.map((logo) => (
              <li key={logo}>{logo}</li>
            ))}
          </ul>
        </div>
      </section>

      <section className="features" id="features">
        <div className="container">
          <h2 className="section-title">Everything between “sent” and “paid”</h2>
          <p className="section-lead muted">Click a card to read more.</p>
          <div className="feature-grid">
            {features.map((feature) => (
              // A clickable div, as so many sites have: autocapture records it because of cursor: pointer.
              <div
                key={feature.id}
                className={`feature-card css-${feature.id.slice(0, 3)}8x1 ${openFeature === feature.id ? 'is-open' : ''}`}
                onClick={() => setOpenFeature(openFeature === feature.id ? null : feature.id)}
              >
                <div className="feature-icon">
                  <Icon name={feature.icon} size={20} />
                </div>
                <h3>{feature.title}</h3>
                <p className="muted">{feature.body}</p>
                {openFeature === feature.id ? <p className="feature-more">{feature.more}</p> : null}
                <span className="feature-toggle">{openFeature === feature.id ? 'Show less' : 'Learn more'}</span>
              </div>
            ))}
          </div>
        </div>
      </section>

      <section className="integrations" id="integrations">
        <div className="container">
          <h2 className="section-title">Works with the tools you already use</h2>
          <ul className="integration-list">
            {integrations.map((integration) => (
              <li key={integration.id} className="integration">
                <span className="integration-logo" aria-hidden="true">
                  {integration.name[0]}
                </span>
                <div className="integration-copy">
                  <strong>{integration.name}</strong>
                  <span className="muted">{integration.blurb}</span>
                </div>
                {/* The same button on every row, as list UIs render them: only the row's position tells a click on one apart. */}
                <button className="btn btn-secondary btn-sm css-9c0n4t" onClick={() => setConnecting({ name: integration.name, at: Date.now() })}>
                  Connect
                </button>
              </li>
            ))}
          </ul>
          {/* Shown again on every click, as a toast is: a click here is never a dead click. */}
          {connecting ? (
            <p key={connecting.at} className="integration-note" role="status">
              Start your free trial to connect {connecting.name}: it takes a minute from Settings → Integrations.
            </p>
          ) : null}
        </div>
      </section>

      <section className="testimonial">
        <div className="container testimonial-inner">
          <blockquote>
            “We cut our average days-to-paid from 41 to 17 in one quarter. The reminders alone paid for Ledgerly
            ten times over.”
          </blockquote>
          <p className="muted">Priya Raman, Head of Finance at Globex</p>
        </div>
      </section>

      <section className="cta-band">
        <div className="container cta-band-inner">
          <div>
            <h2>Ready to get paid faster?</h2>
            <p>Set up in ten minutes. Import your customers from a CSV or your accounting tool.</p>
          </div>
          <div className="cta-band-actions">
            <button className="btn btn-light btn-lg css-1x2y3z" data-attr="footer-cta-signup" onClick={() => navigate('/signup')}>
              Create your account
            </button>
            <a className="cta-link" href="mailto:sales@ledgerly.example">
              Talk to sales
            </a>
          </div>
        </div>
      </section>
    </>
  );
}
