import { useState } from 'react';
import { plans } from '../data/plans';
import { navigate } from '../router';

const faqs = [
  ['Can I change plans later?', 'Yes. Upgrades apply immediately and are prorated; downgrades apply at the next renewal.'],
  ['What counts as an invoice?', 'Any invoice you send, including recurring ones. Drafts and credit notes are free.'],
  ['Do you charge payment fees?', 'Card payments cost 2.9% + 30¢, bank payments 0.8% capped at $5. Fees are shown on the invoice.'],
] as const;

export function PricingPage() {
  const [yearly, setYearly] = useState(false);
  return (
    <section className="pricing">
      <div className="container">
        <h1 className="page-title">Simple pricing that scales with you</h1>
        <p className="section-lead muted">Every plan includes a 14-day trial. No credit card required.</p>

        <label className="billing-toggle">
          <span className={yearly ? 'muted' : ''}>Monthly</span>
          <input type="checkbox" role="switch" checked={yearly} onChange={(event) => setYearly(event.target.checked)} />
          <span className="switch" aria-hidden="true" />
          <span className={yearly ? '' : 'muted'}>
            Yearly <span className="badge badge-green">save 20%</span>
          </span>
        </label>

        <div className="plan-grid">
          {plans.map((plan) => {
            const price = yearly ? Math.round(plan.monthly * 0.8) : plan.monthly;
            return (
              <div key={plan.id} className={`plan-card css-q9w2e1 ${plan.featured ? 'plan-card--featured' : ''}`}>
                {plan.featured ? <span className="plan-ribbon">Most popular</span> : null}
                <h3>{plan.name}</h3>
                <p className="muted">{plan.blurb}</p>
                <p className="plan-price">
                  <span className="plan-amount">${price}</span>
                  <span className="muted"> / month{yearly ? ', billed yearly' : ''}</span>
                </p>
                {/* Deliberately identical buttons: only their position tells them apart. */}
                <button className="btn btn-primary btn-block css-4f8k2p px-4 py-2" onClick={() => navigate(`/signup?plan=${plan.id}`)}>
                  Choose plan
                </button>
                <ul className="plan-features">
                  {plan.features.map((feature) => (
                    <li key={feature}>{feature}</li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>

        <div className="faq">
          <h2 className="section-title">Questions, answered</h2>
          {faqs.map(([question, answer]) => (
            <details key={question} className="faq-item">
              <summary>{question}</summary>
              <p className="muted">{answer}</p>
            </details>
          ))}
        </div>
      </div>
    </section>
  );
}
